/** /path: the signed-in person's own path — their level, the next levels, their evidence and gaps. */
import { Page } from '../../components/Page';
import { Empty } from '../../components/States';
import { useUser } from '../../session';
import { PathView } from './PathView';

export default function MyPath() {
  const user = useUser();
  if (user.person_id === null) {
    return (
      <Page title="My path">
        <Empty title="This account is not linked to a person.">
          <p>A path belongs to someone in the org's people list: ask a Tandem admin to link your account to yours.</p>
        </Empty>
      </Page>
    );
  }
  return (
    <Page title="My path" subtitle="Your level, what the next one expects, and your evidence against it. Evidence informs reviews; it never promotes anyone by itself.">
      <PathView base={{ personId: user.person_id, self: true, href: '/path' }} />
    </Page>
  );
}

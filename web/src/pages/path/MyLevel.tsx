/** /path/levels/:id: one level of the ladder, with the signed-in person's ratings and evidence against it. */
import { Link, useParams } from 'wouter';
import { Page } from '../../components/Page';
import { Empty } from '../../components/States';
import { useUser } from '../../session';
import { LevelView } from './LevelView';

export default function MyLevel() {
  const { id = '' } = useParams<{ id: string }>();
  const user = useUser();
  return (
    <Page title={`What ${id} expects`}>
      <nav aria-label="Breadcrumb" className="path-breadcrumb">
        <Link href="/path">My path</Link> › <span aria-current="page">{id}</span>
      </nav>
      {user.person_id === null ? (
        <Empty title="This account is not linked to a person.">
          <p>Ask a Tandem admin to link your account to yours to see your evidence against each level.</p>
        </Empty>
      ) : (
        <LevelView base={{ personId: user.person_id, self: true, href: '/path' }} levelId={id} />
      )}
    </Page>
  );
}

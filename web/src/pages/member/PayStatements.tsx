/**
 * My pay: the signed-in person's published statements — the newest explained in full (or the one
 * in the address), with a switcher to the others. Only the person's own statements are ever
 * loaded: an address naming anyone else's statement finds nothing here.
 */
import { useCallback, useRef } from 'react';
import { Link } from 'wouter';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { period } from '../../format';
import { useUser } from '../../session';
import { mayWhatIf, newestFirst, RENDERED_MARK, useMyStatements, usePlans, type StatementRecord } from './member-api';
import { StatementView } from './StatementView';

export function PayStatements({ selectedId }: { readonly selectedId?: string }) {
  const user = useUser();
  const statements = useMyStatements();
  const plans = usePlans();
  const marked = useRef(false);
  const onDrawn = useCallback(() => {
    if (marked.current) return;
    marked.current = true;
    performance.mark(RENDERED_MARK);
  }, []);

  const list = statements.data === undefined ? undefined : newestFirst(statements.data);
  const current: StatementRecord | undefined = list === undefined ? undefined : selectedId === undefined ? list[0] : list.find((r) => String(r.id) === selectedId);
  const notYours = list !== undefined && selectedId !== undefined && current === undefined;
  const title = notYours ? 'Statement not found' : 'My pay';
  const subtitle = current === undefined ? undefined : `${period(current.statement.period)} statement${selectedId === undefined ? ', your latest' : ''}`;

  return (
    <Page
      title={title}
      subtitle={subtitle}
      actions={
        <>
          {mayWhatIf(user) && (
            <Link href="/whatif" className="member-action">
              What if a deal closes?
            </Link>
          )}
          <Link href="/inquiries" className="member-action">
            Your inquiries
          </Link>
        </>
      }
    >
      {statements.problem !== undefined ? (
        <Problem problem={statements.problem} retry={statements.reload} />
      ) : list === undefined ? (
        <Loading what="your statements" />
      ) : list.length === 0 && !notYours ? (
        <Empty title="No statement has been published for you yet.">
          <p>When your Tandem admin publishes a pay period, its statement appears here with every number explained.{mayWhatIf(user) ? ' Until then you can try a deal in What-if.' : ''}</p>
        </Empty>
      ) : (
        <>
          {list.length > 0 && <StatementSwitcher list={list} current={current?.id} />}
          {notYours || current === undefined ? (
            <div className="state state-empty" role="alert" data-testid="statement-not-found">
              <p className="state-title">There is no statement {selectedId} of yours.</p>
              <p>
                You can open only your own published statements{list.length > 0 ? ': pick one above, or go to ' : '. See '}
                <Link href="/pay">My pay</Link>.
              </p>
            </div>
          ) : (
            <StatementView key={current.id} record={current} plans={plans} onDrawn={onDrawn} />
          )}
        </>
      )}
    </Page>
  );
}

function StatementSwitcher({ list, current }: { readonly list: readonly StatementRecord[]; readonly current: number | undefined }) {
  return (
    <nav aria-label="Your statements" className="member-switcher">
      <span className="member-switcher-label" id="switcher-label">
        Your statements
      </span>
      <ul aria-labelledby="switcher-label">
        {list.map((r) => (
          <li key={r.id}>
            <Link href={`/pay/statements/${r.id}`} aria-current={r.id === current ? 'page' : undefined} data-statement-link={r.id}>
              <span className="member-switcher-period">{period(r.statement.period)}</span> <Money amount={r.statement.total} currency={r.statement.currency} />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** My pay: the signed-in person's published statements (placeholder, grown by the member journey). */
import { Loaded } from '../../components/States';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { period } from '../../format';
import { useApi } from '../../useApi';

interface StatementItem {
  readonly id: number;
  readonly run_id: number;
  readonly statement: { readonly period: string; readonly currency: string; readonly total: string; readonly plan: string };
}

export default function MyPay() {
  const state = useApi<{ items: StatementItem[] }>('/api/me/statements?limit=200');
  return (
    <Page title="My pay">
      <Loaded state={state} what="your statements">
        {(page) =>
          page.items.length === 0 ? (
            <p>No statement has been published for you yet.</p>
          ) : (
            <ul>
              {page.items.map((s) => (
                <li key={s.id}>
                  {period(s.statement.period)}: <Money amount={s.statement.total} currency={s.statement.currency} />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

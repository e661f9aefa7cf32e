/**
 * What-if: the person enters a hypothetical deal (amount, close date, type) and sees at once the
 * statements it would change — each measure's attainment and payout before and after, the new
 * total — and the deal's marginal value. All of it is the server's calculation (POST /api/whatif),
 * the same engine as the real statements.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, ApiProblem } from '../../api';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Empty, Loading, Problem } from '../../components/States';
import { percent, period } from '../../format';
import { useUser } from '../../session';
import { mayWhatIf, newestFirst, useMyStatements, usePlans, type Plan, type StatementJson, type WhatIf as WhatIfResult } from './member-api';
import { TableScroll } from '../../components/TableScroll';

const AMOUNT = /^\d{1,12}(\.\d{1,6})?$/;
const DEAL_TYPES = ['new', 'expansion', 'renewal'];

export default function WhatIf() {
  const user = useUser();
  const statements = useMyStatements();
  const plans = usePlans();
  const latest = statements.data === undefined ? undefined : newestFirst(statements.data)[0];
  const years = statements.data === undefined ? [] : [...new Set(statements.data.map((r) => r.statement.period.slice(0, 4)))].sort().reverse();
  const currency = latest?.statement.currency;

  const [amount, setAmount] = useState('');
  const [closeDate, setCloseDate] = useState('');
  const [type, setType] = useState('new');
  const [technicalWin, setTechnicalWin] = useState(false);
  const [year, setYear] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [amountProblem, setAmountProblem] = useState<string | undefined>(undefined);
  const [dateProblem, setDateProblem] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<WhatIfResult | undefined>(undefined);

  if (!mayWhatIf(user)) {
    return (
      <Page title="What-if">
        <Empty title="What-if is not available to your account.">
          <p>It answers for the person your account is linked to; ask a Tandem admin if you need it.</p>
        </Empty>
      </Page>
    );
  }
  const personId = user.person_id ?? '';
  const fiscalYear = year ?? years[0] ?? (closeDate === '' ? undefined : closeDate.slice(0, 4));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const cleaned = amount.trim().replace(/[\s,]/g, '');
    const amountWrong = AMOUNT.test(cleaned) ? undefined : 'Enter the amount as a number, such as 120000 or 85000.50.';
    const dateWrong = /^\d{4}-\d{2}-\d{2}$/.test(closeDate) ? undefined : 'Enter the day the deal would close.';
    setAmountProblem(amountWrong);
    setDateProblem(dateWrong);
    if (amountWrong !== undefined || dateWrong !== undefined || fiscalYear === undefined) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const deal: Record<string, string | boolean> = { amount: cleaned, close_date: closeDate };
      if (type.trim() !== '') deal.type = type.trim();
      if (technicalWin) deal.technical_win = true;
      setResult(await api.post<WhatIfResult>('/api/whatif', { period: fiscalYear, person_id: personId, deal }));
    } catch (err) {
      setResult(undefined);
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unknown', 'The what-if could not be calculated. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="What-if" subtitle="What a deal would pay you if it closed: your statements recalculated with it, by the same engine as your real pay.">
      {statements.problem !== undefined && <Problem problem={statements.problem} retry={statements.reload} />}
      <form className="card member-whatif-form" onSubmit={(e) => void submit(e)} noValidate>
        <h2>A hypothetical deal</h2>
        <div className="form-row">
          <div>
            <label htmlFor="whatif-amount">Amount{currency === undefined ? '' : ` (${currency})`}</label>
            <input
              id="whatif-amount"
              inputMode="decimal"
              autoComplete="off"
              required
              value={amount}
              aria-invalid={amountProblem !== undefined}
              aria-describedby={amountProblem === undefined ? undefined : 'whatif-amount-problem'}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="whatif-close-date">Close date</label>
            <input
              id="whatif-close-date"
              type="date"
              required
              value={closeDate}
              aria-invalid={dateProblem !== undefined}
              aria-describedby={dateProblem === undefined ? undefined : 'whatif-date-problem'}
              onChange={(e) => setCloseDate(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="whatif-type">Type</label>
            <input id="whatif-type" list="whatif-types" value={type} onChange={(e) => setType(e.target.value)} aria-describedby="whatif-type-hint" />
            <datalist id="whatif-types">
              {DEAL_TYPES.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
          </div>
          {years.length > 0 && (
            <div>
              <label htmlFor="whatif-year">Fiscal year</label>
              <select id="whatif-year" value={fiscalYear} onChange={(e) => setYear(e.target.value)}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <p className="muted" id="whatif-type-hint">
          Type as in your CRM (new, expansion, renewal, …): your plan may count only some types. The deal&apos;s value is summed over every statement of the fiscal year.
        </p>
        <div className="member-check">
          <input id="whatif-technical-win" type="checkbox" checked={technicalWin} onChange={(e) => setTechnicalWin(e.target.checked)} />
          <label htmlFor="whatif-technical-win">A technical win</label>
        </div>
        {amountProblem !== undefined && (
          <p className="state-problem member-field-problem" id="whatif-amount-problem" role="alert">
            Amount: {amountProblem}
          </p>
        )}
        {dateProblem !== undefined && (
          <p className="state-problem member-field-problem" id="whatif-date-problem" role="alert">
            Close date: {dateProblem}
          </p>
        )}
        <div className="form-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Calculating…' : 'Show what it pays'}
          </button>
        </div>
        {busy && <Loading what="the new statements" />}
        {problem !== undefined && <Problem problem={problem} />}
      </form>
      {result !== undefined && <WhatIfOutcome result={result} plans={plans.data?.items ?? []} />}
      <p>
        <Link href="/pay">Back to My pay</Link>
      </p>
    </Page>
  );
}

const keyOf = (s: StatementJson) => `${s.period}\u0000${s.plan}`;

function WhatIfOutcome({ result, plans }: { readonly result: WhatIfResult; readonly plans: readonly Plan[] }) {
  const before = new Map(result.before.map((s) => [keyOf(s), s]));
  const changed = result.after.filter((s) => before.get(keyOf(s))?.total !== s.total);
  const unchanged = result.after.filter((s) => before.get(keyOf(s))?.total === s.total);
  const nameOf = (planId: string, measureId: string) => plans.find((p) => p.id === planId)?.measures.find((m) => m.id === measureId)?.name ?? measureId;
  return (
    <section aria-labelledby="whatif-result-title" className="member-whatif-result" data-testid="whatif-result">
      <h2 id="whatif-result-title">If this deal closes</h2>
      <div className="stat member-marginal">
        <div className="label">Marginal value of the deal to you in fiscal {result.period}</div>
        <div className="value" data-testid="whatif-marginal">
          <Money amount={result.marginal} currency={result.currency} />
        </div>
        <div className="muted">Your total pay over the year with the deal, minus without it. Year-to-date measures pay it in later true-ups too.</div>
      </div>
      {changed.length === 0 ? (
        <Empty title={`This deal changes none of your fiscal ${result.period} statements.`}>
          <p>Check that the close date falls in fiscal {result.period} and that your plan counts deals of this type.</p>
        </Empty>
      ) : (
        changed.map((after) => {
          const b = before.get(keyOf(after));
          return (
            <article key={keyOf(after)} className="card" data-testid={`whatif-statement-${after.period}`} aria-labelledby={`whatif-${after.period}-title`}>
              <h3 id={`whatif-${after.period}-title`}>Your {period(after.period)} statement with the deal</h3>
              <p className="member-total-line">
                New total{' '}
                <Money amount={after.total} currency={after.currency} className="member-total-amount" />
                {b !== undefined && (
                  <>
                    {' '}
                    (without it <Money amount={b.total} currency={b.currency} />)
                  </>
                )}
              </p>
              <TableScroll label={`Your ${period(after.period)} statement without and with the deal`}>
                <table>
                  <caption className="visually-hidden">Each line of the {period(after.period)} statement without and with the deal</caption>
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col" className="num">
                        Attainment without
                      </th>
                      <th scope="col" className="num">
                        with the deal
                      </th>
                      <th scope="col" className="num">
                        Payout without
                      </th>
                      <th scope="col" className="num">
                        with the deal
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {after.measures.map((m) => {
                      const bm = b?.measures.find((x) => x.id === m.id);
                      return (
                        <tr key={m.id} data-line={m.id}>
                          <th scope="row">{nameOf(after.plan, m.id)}</th>
                          <td className="num">{bm === undefined ? '—' : percent(bm.attainment)}</td>
                          <td className="num">{percent(m.attainment)}</td>
                          <td className="num">{bm === undefined ? '—' : <Money amount={bm.payout} currency={after.currency} />}</td>
                          <td className="num">
                            <Money amount={m.payout} currency={after.currency} />
                          </td>
                        </tr>
                      );
                    })}
                    {after.spiffs.map((x, i) => {
                      const was = b?.spiffs.find((y) => y.id === x.id && y.deal_id === x.deal_id);
                      return (
                        <tr key={`spiff-${i}`}>
                          <th scope="row">
                            SPIF {x.id} (deal {x.deal_id})
                          </th>
                          <td />
                          <td />
                          <td className="num">{was === undefined ? '—' : <Money amount={was.payout} currency={after.currency} />}</td>
                          <td className="num">
                            <Money amount={x.payout} currency={after.currency} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">Total</th>
                      <td />
                      <td />
                      <td className="num">{b === undefined ? '—' : <Money amount={b.total} currency={b.currency} />}</td>
                      <td className="num" data-testid={`whatif-total-${after.period}`}>
                        <Money amount={after.total} currency={after.currency} />
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </TableScroll>
            </article>
          );
        })
      )}
      {unchanged.length > 0 && (
        <p className="muted">
          Unchanged: {unchanged.map((s) => period(s.period)).join(', ')}.
        </p>
      )}
      <p className="muted">Statements of periods not yet published are estimates from today&apos;s data.</p>
    </section>
  );
}

/**
 * One statement explained: the total and each line, then every measure with its payout curve (the
 * person's attainment marked), the deals credited (share and crediting rule) and the arithmetic
 * step by step, then SPIFs, adjustments, balances and the total. Every figure is the API's.
 */
import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { api, ApiProblem } from '../../api';
import { Money } from '../../components/Money';
import { Loading, Problem } from '../../components/States';
import { day, decimal, percent, period } from '../../format';
import { useApi } from '../../useApi';
import { AskAboutLine } from './AskAboutLine';
import { dealsOf, lineName, metricOf, stepName, stepsOf, type Inquiry, type MeasureJson, type Plan, type PlanMeasure, type StatementRecord, type TraceDealJson } from './member-api';
import { PayoutCurve } from './PayoutCurve';
import { StatusBadge } from './StatusBadge';
import { TableScroll } from '../../components/TableScroll';

const DEALS_SHOWN = 20;

export function StatementView({ record, plans, onDrawn }: { readonly record: StatementRecord; readonly plans: { data: { items: readonly Plan[] } | undefined; problem: ApiProblem | undefined }; readonly onDrawn?: () => void }) {
  const s = record.statement;
  const plan = plans.data?.items.find((p) => p.id === s.plan);
  const planMeasure = (id: string) => plan?.measures.find((m) => m.id === id);
  const nameOf = (m: MeasureJson) => planMeasure(m.id)?.name ?? m.id;
  const holder = useRef<HTMLDivElement>(null);
  const plansSettled = plans.data !== undefined || plans.problem !== undefined;
  const charts = s.measures.filter((m) => (planMeasure(m.id)?.curve.length ?? 0) > 1).length;

  // "Fully drawn": the statement is on the page and every payout curve has its SVG.
  useEffect(() => {
    const el = holder.current;
    if (onDrawn === undefined || el === null || !plansSettled) return;
    const drawn = () => el.querySelectorAll('[data-chart=plot] svg').length >= charts;
    if (drawn()) {
      onDrawn();
      return;
    }
    const observer = new MutationObserver(() => {
      if (!drawn()) return;
      observer.disconnect();
      onDrawn();
    });
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [onDrawn, plansSettled, charts]);

  const balances = s.measures.filter((m) => m.balance !== undefined && !/^0+(\.0+)?$/.test(m.balance));

  return (
    <div ref={holder} className="member-statement" data-statement-id={record.id}>
      <section aria-labelledby="summary-title" className="card">
        <h2 id="summary-title">Summary</h2>
        <div className="member-summary">
          <div className="stat">
            <div className="label">Total for {period(s.period)}</div>
            <div className="value" data-testid="statement-total">
              <Money amount={s.total} currency={s.currency} />
            </div>
          </div>
          <div className="stat">
            <div className="label">Target incentive for the period</div>
            <div className="value">
              <Money amount={s.target_incentive} currency={s.currency} />
            </div>
          </div>
          <div className="stat">
            <div className="label">Plan</div>
            <div className="member-plan-name">{plan?.name ?? s.plan}</div>
            <div className="muted">
              <code>{s.plan}</code>, paid in {s.currency}
            </div>
          </div>
        </div>
        <TableScroll label={`Lines of your ${period(s.period)} statement`}>
          <table className="member-lines">
            <caption className="visually-hidden">The lines of your {period(s.period)} statement</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col" className="num">
                  Attainment
                </th>
                <th scope="col" className="num member-wide">
                  Payout factor
                </th>
                <th scope="col" className="num">
                  Payout
                </th>
              </tr>
            </thead>
            <tbody>
              {s.measures.map((m) => (
                <tr key={m.id} data-line={m.id}>
                  <th scope="row">
                    <a href={`#measure-${m.id}`}>{nameOf(m)}</a>
                  </th>
                  <td className="num">{percent(m.attainment)}</td>
                  <td className="num member-wide">{percent(m.factor)}</td>
                  <td className="num">
                    <Money amount={m.payout} currency={s.currency} />
                  </td>
                </tr>
              ))}
              {s.spiffs.map((x, i) => (
                <tr key={`spiff-${i}`} data-line={`spiff:${x.id}`}>
                  <th scope="row">
                    SPIF {x.id} <span className="muted">(deal {x.deal_id})</span>
                  </th>
                  <td />
                  <td className="member-wide" />
                  <td className="num">
                    <Money amount={x.payout} currency={s.currency} />
                  </td>
                </tr>
              ))}
              {s.adjustments.map((a, i) => (
                <tr key={`adjustment-${i}`} data-line={`adjustment:${i + 1}`}>
                  <th scope="row">
                    Adjustment {i + 1} <span className="muted">({a.reason})</span>
                  </th>
                  <td />
                  <td className="member-wide" />
                  <td className="num">
                    <Money amount={a.amount} currency={s.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-line="total">
                <th scope="row">Total</th>
                <td />
                <td className="member-wide" />
                <td className="num">
                  <strong>
                    <Money amount={s.total} currency={s.currency} />
                  </strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
        {plans.problem !== undefined && (
          <p className="muted" role="note">
            The plan&apos;s measure names and payout curves could not be loaded ({plans.problem.sentence}) The figures below are complete.
          </p>
        )}
      </section>

      {s.measures.map((m) => (
        <MeasureSection key={m.id} statementId={record.id} measure={m} plan={planMeasure(m.id)} name={nameOf(m)} currency={s.currency} plansLoading={!plansSettled} />
      ))}

      <section aria-labelledby="spiffs-title" className="card" data-testid="spiffs">
        <h2 id="spiffs-title">SPIFs</h2>
        {s.spiffs.length === 0 ? (
          <p className="muted">No SPIF paid on this statement.</p>
        ) : (
          <ul className="member-line-list">
            {s.spiffs.map((x, i) => (
              <li key={i}>
                <span>
                  SPIF <strong>{x.id}</strong> for deal <code>{x.deal_id}</code>: <Money amount={x.payout} currency={s.currency} />
                </span>
                <AskAboutLine statementId={record.id} line={`spiff:${x.id}`} label={lineName(`spiff:${x.id}`)} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="adjustments-title" className="card" data-testid="adjustments">
        <h2 id="adjustments-title">Adjustments</h2>
        {s.adjustments.length === 0 ? (
          <p className="muted">No adjustment on this statement.</p>
        ) : (
          <ul className="member-line-list">
            {s.adjustments.map((a, i) => (
              <li key={i}>
                <span>
                  <Money amount={a.amount} currency={s.currency} /> for {period(a.period)}: {a.reason} <span className="muted">(approved by {a.approver})</span>
                </span>
                <AskAboutLine statementId={record.id} line={`adjustment:${i + 1}`} label={lineName(`adjustment:${i + 1}`)} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="total-title" className="card member-total">
        <h2 id="total-title">Total</h2>
        <p className="member-total-line">
          You are paid <Money amount={s.total} currency={s.currency} className="member-total-amount" /> for {period(s.period)}: the sum of the lines above, each rounded once.
        </p>
        <p className="member-total-sum" data-testid="total-sum">
          {[
            ...s.measures.map((m) => ({ label: nameOf(m), amount: m.payout })),
            ...s.spiffs.map((x) => ({ label: `SPIF ${x.id}`, amount: x.payout })),
            ...s.adjustments.map((a, i) => ({ label: `adjustment ${i + 1}`, amount: a.amount })),
          ].map((t, i) => (
            <Fragment key={i}>
              {i > 0 && ' + '}
              <span>
                <Money amount={t.amount} currency={s.currency} /> <span className="muted">{t.label}</span>
              </span>
            </Fragment>
          ))}{' '}
          = <Money amount={s.total} currency={s.currency} />
        </p>
        {balances.length === 0 ? (
          <p className="muted">No negative balance is carried forward.</p>
        ) : (
          <ul>
            {balances.map((m) => (
              <li key={m.id} data-balance={m.id}>
                Balance carried forward on {nameOf(m)}: <Money amount={m.balance ?? '0'} currency={s.currency} /> (recovered by later true-ups this fiscal year, forgiven at year end)
              </li>
            ))}
          </ul>
        )}
        <AskAboutLine statementId={record.id} line="total" label="the total" />
      </section>

      <StatementInquiries statementId={record.id} />
      <ExplainText statementId={record.id} />
    </div>
  );
}

function MeasureSection({ statementId, measure: m, plan, name, currency, plansLoading }: { readonly statementId: number; readonly measure: MeasureJson; readonly plan: PlanMeasure | undefined; readonly name: string; readonly currency: string; readonly plansLoading: boolean }) {
  const metric = plan?.metric ?? metricOf(m);
  const isMoney = metric === 'bookings';
  const isScore = metric === 'mbo';
  const show = (v: string) => (isMoney ? <Money amount={v} currency={currency} /> : <span>{decimal(v)}</span>);
  const deals = dealsOf(m);
  const steps = stepsOf(m);
  const [allDeals, setAllDeals] = useState(false);
  const shown = allDeals ? deals : deals.slice(0, DEALS_SHOWN);
  const titleId = `measure-${m.id}-title`;
  return (
    <section id={`measure-${m.id}`} aria-labelledby={titleId} className="card member-measure" data-testid={`measure-${m.id}`}>
      <h2 id={titleId}>
        {name} {name !== m.id && <span className="muted member-measure-id">({m.id})</span>}
      </h2>
      <dl className="member-figures">
        <div>
          <dt>{isScore ? 'Score' : 'Credited'}</dt>
          <dd data-figure="credited" data-value={m.credited}>
            {show(m.credited)}
          </dd>
        </div>
        <div>
          <dt>{isScore ? 'Target score' : 'Quota'}</dt>
          <dd data-figure="quota" data-value={m.quota}>
            {show(m.quota)}
          </dd>
        </div>
        <div>
          <dt>Attainment</dt>
          <dd data-figure="attainment" data-value={m.attainment}>
            {percent(m.attainment)}
          </dd>
        </div>
        <div>
          <dt>Payout factor</dt>
          <dd data-figure="factor" data-value={m.factor}>
            {percent(m.factor)}
          </dd>
        </div>
        <div>
          <dt>Payout</dt>
          <dd data-figure="payout" data-value={m.payout}>
            <Money amount={m.payout} currency={currency} />
          </dd>
        </div>
        {m.balance !== undefined && (
          <div>
            <dt>Balance</dt>
            <dd data-figure="balance" data-value={m.balance}>
              <Money amount={m.balance} currency={currency} />
            </dd>
          </div>
        )}
      </dl>
      {plan !== undefined && plan.curve.length > 1 ? (
        <PayoutCurve measure={m} plan={plan} name={name} />
      ) : plansLoading ? (
        <Loading what="the payout curve" />
      ) : null}

      {!isScore && (
        <>
          <h3>
            Credited deals <span className="muted">({deals.length})</span>
          </h3>
          {deals.length === 0 ? (
            <p className="muted">No deal was credited to this measure in the period.</p>
          ) : (
            <>
              <TableScroll label={`Deals credited to ${name}`}>
                <table className="member-deals">
                  <caption className="visually-hidden">Deals credited to {name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Deal</th>
                      <th scope="col">Date</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Share
                      </th>
                      <th scope="col">Crediting rule</th>
                      <th scope="col" className="num">
                        Credit
                      </th>
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((d, i) => (
                      <DealRow key={`${d.deal_id}-${i}`} deal={d} show={show} />
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {deals.length > DEALS_SHOWN && (
                <button type="button" onClick={() => setAllDeals((a) => !a)} aria-expanded={allDeals}>
                  {allDeals ? `Show the first ${DEALS_SHOWN} deals` : `Show all ${deals.length} deals`}
                </button>
              )}
            </>
          )}
        </>
      )}

      <h3>How it is calculated</h3>
      <ol className="member-steps">
        {steps.map((st, i) => (
          <li key={i} data-step={st.step}>
            <span className="member-step-name">{stepName(st.step)}</span>
            <span className="member-step-text">{st.text}</span>
          </li>
        ))}
      </ol>
      <AskAboutLine statementId={statementId} line={m.id} label={lineName(m.id, name)} />
    </section>
  );
}

function DealRow({ deal: d, show }: { readonly deal: TraceDealJson; readonly show: (v: string) => ReactNode }) {
  return (
    <tr data-deal={d.deal_id} data-share={d.share} data-rule={d.rule} data-credit={d.credit}>
      <th scope="row">
        <code>{d.deal_id}</code>
      </th>
      <td>{day(d.date)}</td>
      <td className="num">{show(d.amount)}</td>
      <td className="num">{percent(d.share)}</td>
      <td>{d.rule}</td>
      <td className="num">{show(d.credit)}</td>
      <td>
        {d.clawback === true && <span className="badge bad">clawback</span>}
        {d.fx !== undefined && (
          <span className="muted">
            converted from <Money amount={d.fx.amount} currency={d.fx.currency} /> at {decimal(d.fx.rate)}
          </span>
        )}
      </td>
    </tr>
  );
}

/** The person's own inquiries about this statement, with their status. */
function StatementInquiries({ statementId }: { readonly statementId: number }) {
  const state = useApi<{ items: Inquiry[] }>('/api/inquiries?limit=200');
  const mine = state.data?.items.filter((i) => i.statement_id === statementId) ?? [];
  if (state.problem !== undefined) return <Problem problem={state.problem} retry={state.reload} />;
  if (mine.length === 0) return null;
  return (
    <section aria-labelledby="questions-title" className="card">
      <h2 id="questions-title">Your questions about this statement</h2>
      <ul className="member-line-list">
        {mine.map((i) => (
          <li key={i.id}>
            <Link href={`/inquiries/${i.id}`}>
              Inquiry {i.id}: {lineName(i.line)}
            </Link>{' '}
            <StatusBadge status={i.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The statement as `tandem explain` prints it, loaded when opened. */
function ExplainText({ statementId }: { readonly statementId: number }) {
  const [text, setText] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    api
      .get<{ text: string }>(`/api/statements/${statementId}/explain`)
      .then((r) => live && setText(r.text))
      .catch((e: unknown) => live && setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'unknown', 'The explanation could not be loaded. Try again.')));
    return () => {
      live = false;
    };
  }, [asked, statementId]);
  return (
    <details className="card member-explain" onToggle={(e) => e.currentTarget.open && setAsked(true)}>
      <summary>The whole statement in words (as the command line explains it)</summary>
      {problem !== undefined ? <Problem problem={problem} /> : text === undefined ? <Loading what="the explanation" /> : <pre className="member-explain-text">{text}</pre>}
    </details>
  );
}

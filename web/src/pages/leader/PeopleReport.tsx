/**
 * /people-report: where the ladder is not working, from the org's own records (GET
 * /api/reports/people): people stuck at a level, promotions given on tenure, missing path
 * conversations, compa-ratios against the bands, pay-equity gaps in aggregate (group against
 * group, never a person's attr_* value: the API gives a leader only the aggregate) and SE/AE
 * recognition parity.
 */
import { Link } from 'wouter';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { Loading, Problem } from '../../components/States';
import { day } from '../../format';
import { useApi } from '../../useApi';
import { BarsChart, DotsChart } from './Charts';
import { humanize, share, signedShare, type LeaderPeopleReport } from './leader-api';
import { Stat } from './Stat';
import { TableScroll } from '../../components/TableScroll';

type Report = LeaderPeopleReport;
type Parity = Report['parity'][number];

const POSITION: Readonly<Record<string, string>> = { below: 'below the band', within: 'within the band', above: 'above the band', no_band: 'no band' };

export default function PeopleReport() {
  const report = useApi<Report>('/api/reports/people');
  return (
    <Page title="People report" subtitle={report.data === undefined ? undefined : `As of ${day(report.data.as_of)} · ladder ${report.data.ladder} · ${report.data.in_scope} people on the ladder`}>
      {report.problem !== undefined ? <Problem problem={report.problem} retry={report.reload} /> : report.data === undefined ? <Loading what="the people report" /> : <ReportBody report={report.data} />}
    </Page>
  );
}

function Person({ id, name }: { readonly id: string; readonly name: string }) {
  return (
    <>
      <code>{id}</code> {name}
    </>
  );
}

function ReportBody({ report }: { readonly report: Report }) {
  const outside = report.compa_ratio.filter((c) => c.position === 'below' || c.position === 'above');
  const flagged = report.parity.filter((p) => p.flagged);
  return (
    <>
      <div className="leader-stats" data-testid="people-summary">
        <Stat label="Stuck at a level" testId="count-stuck" value={report.stuck.length}>
          {report.stuck.length}
        </Stat>
        <Stat label="Promoted on tenure" testId="count-tenure" value={report.tenure_promotions.length}>
          {report.tenure_promotions.length}
        </Stat>
        <Stat label="No path conversation" testId="count-conversation" value={report.no_conversation.length}>
          {report.no_conversation.length}
        </Stat>
        <Stat label="Outside their band" testId="count-outside" value={outside.length}>
          {outside.length}
        </Stat>
        <Stat label="Recognition parity flags" testId="count-parity" value={flagged.length}>
          {flagged.length}
        </Stat>
      </div>

      <section aria-labelledby="stuck-title" className="leader-section" data-testid="stuck">
        <h2 id="stuck-title">Stuck at a level</h2>
        <p className="muted">At one level for {report.settings.stuckYears}+ years while their ratings meet the next level, or exceed their own on every competency.</p>
        {report.stuck.length === 0 ? (
          <p>No one: everyone ready for the next level has moved within {report.settings.stuckYears} years.</p>
        ) : (
          <ul className="leader-people-list">
            {report.stuck.map((s) => (
              <li key={s.person_id} data-person={s.person_id} className="card">
                <strong>
                  <Person id={s.person_id} name={s.name} />
                </strong>{' '}
                <span className="badge warn">{s.reason === 'meets_next_level' ? `meets ${s.next_level ?? 'the next level'}` : 'top of band'}</span>
                <p className="leader-tight-p">{s.message}.</p>
                <p className="muted leader-tight-p">
                  At {s.level} since {day(s.level_since)}
                  {s.meeting_next_since === null ? '' : `; ratings meet the next level since ${day(s.meeting_next_since)}`}.
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="tenure-title" className="leader-section" data-testid="tenure">
        <h2 id="tenure-title">Promoted on tenure</h2>
        <p className="muted">Promotions where, on the day, the person did not meet the new level&apos;s bar: a rating below the expectation or none, or evidence short of a minimum.</p>
        {report.tenure_promotions.length === 0 ? (
          <p>None: every promotion that could be judged met the new level&apos;s bar.</p>
        ) : (
          <ul className="leader-people-list">
            {report.tenure_promotions.map((t) => (
              <li key={`${t.person_id}-${t.date}`} data-person={t.person_id} className="card">
                <strong>
                  <Person id={t.person_id} name={t.name} />
                </strong>
                : {t.from_level} → {t.to_level} on {day(t.date)} ({t.kind.replace(/_/g, ' ')}
                {t.years_at_previous_level === null ? '' : `, after ${t.years_at_previous_level.toLocaleString('en-US', { maximumFractionDigits: 1 })} years at ${t.from_level}`}){t.packet === '' ? ', no promotion packet' : ''}.
                <details>
                  <summary>
                    {t.gaps.length} {t.gaps.length === 1 ? 'competency' : 'competencies'} short of {t.to_level} on the day
                  </summary>
                  <TableScroll className="leader-scroll" label={`Where ${t.person_id} fell short of ${t.to_level}`}>
                    <table>
                      <caption className="visually-hidden">
                        Where {t.person_id} fell short of {t.to_level} on {t.date}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Competency</th>
                          <th scope="col" className="num">
                            Expected
                          </th>
                          <th scope="col" className="num">
                            Rating
                          </th>
                          <th scope="col">Evidence</th>
                        </tr>
                      </thead>
                      <tbody>
                        {t.gaps.map((g) => (
                          <tr key={g.competency}>
                            <th scope="row">{g.name}</th>
                            <td className="num">{g.expected}</td>
                            <td className="num">
                              {g.rating ?? 'none'} {g.rating_source === null ? '' : <span className="muted">({g.rating_source})</span>}
                            </td>
                            <td>
                              {g.evidence.map((x, i) => (
                                <div key={i}>
                                  {humanize(x.type)}: {x.found} of {x.required} {x.assessable ? (x.met ? '(met)' : '(short)') : '(no data for the window)'}
                                </div>
                              ))}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableScroll>
                </details>
              </li>
            ))}
          </ul>
        )}
        {report.unassessed_promotions > 0 && <p className="muted">{report.unassessed_promotions} more promotions had no rating before them and cannot be judged.</p>}
      </section>

      <section aria-labelledby="conversation-title" className="leader-section" data-testid="no-conversation">
        <h2 id="conversation-title">No path conversation</h2>
        <p className="muted">No career-path conversation in the last {report.settings.conversationMonths} months (people hired in the last {report.settings.newHireDays} days are not listed).</p>
        {report.no_conversation.length === 0 ? (
          <p>No one: everyone had one.</p>
        ) : (
          <TableScroll className="leader-scroll" label={'People with no path conversation'}>
            <table>
              <caption className="visually-hidden">People with no path conversation</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Level</th>
                  <th scope="col">Manager</th>
                  <th scope="col">Last conversation</th>
                </tr>
              </thead>
              <tbody>
                {report.no_conversation.map((c) => (
                  <tr key={c.person_id} data-person={c.person_id}>
                    <th scope="row">
                      <Person id={c.person_id} name={c.name} />
                    </th>
                    <td>{c.level}</td>
                    <td>
                      <code>{c.manager_id}</code>
                    </td>
                    <td>{c.last_conversation === null ? 'never' : `${day(c.last_conversation)} (${c.months_since ?? '?'} months ago)`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <CompaSection report={report} />
      <PayEquitySection report={report} />
      <ParitySection report={report} />
      <p className="muted">
        Evidence informs people and reviews; nothing here promotes anyone. The levels are in the <Link href="/ladder">career ladder</Link>.
      </p>
    </>
  );
}

function CompaSection({ report }: { readonly report: Report }) {
  const banded = report.compa_ratio.filter((c) => c.compa_ratio !== null);
  return (
    <section aria-labelledby="compa-title" className="leader-section" data-testid="compa">
      <h2 id="compa-title">Compa-ratio against the bands</h2>
      <p className="muted">Base salary ÷ the band midpoint for the person&apos;s level, location and currency; range penetration is where the base sits between the band&apos;s minimum (0%) and maximum (100%).</p>
      {report.compa_ratio.length === 0 ? (
        <p>No one on the ladder has a base salary to compare.</p>
      ) : (
        <>
          {banded.length > 0 && (
            <DotsChart
              label={`Compa-ratio of ${banded.length} people with a band (1.00 is the band midpoint, dashed); ${report.compa_ratio.filter((c) => c.position === 'below' || c.position === 'above').length} outside their band`}
              rows={banded.map((c) => ({ name: `${c.person_id} ${c.level}`, value: c.compa_ratio ?? 0, category: POSITION[c.position] ?? c.position }))}
              xLabel="Base ÷ band midpoint"
              xTick=".2f"
              references={[1]}
              testId="compa-chart"
              table={{ columns: ['Person', 'Compa-ratio', 'Position'], rows: banded.map((c) => [`${c.person_id} ${c.level}`, c.compa_ratio?.toFixed(4) ?? '', POSITION[c.position] ?? c.position]) }}
            />
          )}
          <TableScroll className="leader-scroll" label={'Base salary against the band, per person'}>
            <table data-testid="compa-table">
              <caption className="visually-hidden">Base salary against the band, per person</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Level</th>
                  <th scope="col">Location</th>
                  <th scope="col" className="num">
                    Base
                  </th>
                  <th scope="col" className="num">
                    Band minimum
                  </th>
                  <th scope="col" className="num">
                    Midpoint
                  </th>
                  <th scope="col" className="num">
                    Maximum
                  </th>
                  <th scope="col" className="num">
                    Compa-ratio
                  </th>
                  <th scope="col" className="num">
                    Range penetration
                  </th>
                  <th scope="col">Position</th>
                </tr>
              </thead>
              <tbody>
                {report.compa_ratio.map((c) => (
                  <tr key={c.person_id} data-person={c.person_id} data-compa={c.compa_ratio ?? ''} data-position={c.position}>
                    <th scope="row">
                      <Person id={c.person_id} name={c.name} />
                    </th>
                    <td>{c.level}</td>
                    <td>{c.location}</td>
                    <td className="num">
                      <Money amount={c.base_salary} currency={c.currency} />
                    </td>
                    <td className="num">{c.band === null ? '—' : <Money amount={c.band.min} currency={c.currency} />}</td>
                    <td className="num">{c.band === null ? '—' : <Money amount={c.band.mid} currency={c.currency} />}</td>
                    <td className="num">{c.band === null ? '—' : <Money amount={c.band.max} currency={c.currency} />}</td>
                    <td className="num">{c.compa_ratio === null ? '—' : c.compa_ratio.toFixed(2)}</td>
                    <td className="num">{c.range_penetration === null ? '—' : share(c.range_penetration)}</td>
                    <td>
                      <span className={`badge ${c.position === 'within' ? 'good' : c.position === 'no_band' ? 'info' : 'bad'}`}>{POSITION[c.position] ?? c.position}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

function PayEquitySection({ report }: { readonly report: Report }) {
  const aggregate = report.pay_equity_aggregate;
  const rows = (aggregate ?? []).flatMap((a) => a.groups.map((g) => ({ a, g })));
  return (
    <section aria-labelledby="equity-title" className="leader-section" data-testid="pay-equity">
      <h2 id="equity-title">Pay-equity gaps in aggregate</h2>
      <p className="muted">
        Base salary of each group against the largest group, raw (within level) and adjusted (for level, location, currency and tenure). A positive gap: the group is paid more than the reference group. Only groups of {report.settings.payEquityMinGroup}+ people are shown, and never anyone&apos;s own characteristic. Flagged at an adjusted gap of {share(report.settings.payEquityGap)} or more either way. A screen that says where to look, not a legal analysis.
      </p>
      {aggregate === undefined ? (
        <p>The server did not give a pay-equity aggregate. A Tandem admin can see the full analysis.</p>
      ) : aggregate.length === 0 ? (
        <p>The org records no characteristics for pay equity (no attr_* columns in people.csv), so there is nothing to compare.</p>
      ) : (
        <>
          {rows.length > 0 && (
            <BarsChart
              label={`Adjusted base-salary gap against the reference group: ${rows.map(({ a, g }) => `${a.characteristic} ${g.group} vs ${a.reference ?? ''} ${signedShare(g.adjusted_gap)}`).join('; ')}`}
              rows={rows.flatMap(({ a, g }) => [
                { name: `${a.characteristic}: ${g.group} vs ${a.reference ?? ''}`, value: g.raw_gap ?? 0, group: 'Raw (within level)' },
                { name: `${a.characteristic}: ${g.group} vs ${a.reference ?? ''}`, value: g.adjusted_gap ?? 0, group: 'Adjusted' },
              ])}
              xLabel="Gap in base salary"
              xTick="+.1%"
              testId="equity-chart"
              table={{ columns: ['Group', 'Raw gap', 'Adjusted gap'], rows: rows.map(({ a, g }) => [`${a.characteristic}: ${g.group} vs ${a.reference ?? ''}`, signedShare(g.raw_gap), signedShare(g.adjusted_gap)]) }}
            />
          )}
          <TableScroll className="leader-scroll" label={'Pay-equity gaps by group'}>
            <table data-testid="equity-table">
              <caption className="visually-hidden">Pay-equity gaps by group</caption>
              <thead>
                <tr>
                  <th scope="col">Characteristic</th>
                  <th scope="col">Group</th>
                  <th scope="col">Against</th>
                  <th scope="col" className="num">
                    Raw gap
                  </th>
                  <th scope="col" className="num">
                    Adjusted gap
                  </th>
                  <th scope="col">Flag</th>
                </tr>
              </thead>
              <tbody>
                {aggregate.map((a) => (
                  <AggregateRows key={a.characteristic} a={a} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

function AggregateRows({ a }: { readonly a: NonNullable<Report['pay_equity_aggregate']>[number] }) {
  return (
    <>
      {a.groups.map((g) => (
        <tr key={g.group} data-characteristic={a.characteristic} data-group={g.group}>
          <th scope="row">{humanize(a.characteristic)}</th>
          <td>
            {g.group} <span className="muted">({g.n_group} people)</span>
          </td>
          <td>
            {a.reference} <span className="muted">({a.n_reference} people)</span>
          </td>
          <td className="num" data-gap={g.raw_gap ?? ''}>
            {signedShare(g.raw_gap)}
          </td>
          <td className="num" data-gap={g.adjusted_gap ?? ''}>
            {signedShare(g.adjusted_gap)}
          </td>
          <td>{g.flagged ? <span className="badge bad">flagged</span> : <span className="badge good">not flagged</span>}</td>
        </tr>
      ))}
      {a.groups_withheld > 0 && (
        <tr data-characteristic={a.characteristic} data-withheld={a.groups_withheld}>
          <th scope="row">{humanize(a.characteristic)}</th>
          <td colSpan={5} className="muted">
            {a.groups_withheld} {a.groups_withheld === 1 ? 'group' : 'groups'} with fewer than {a.min_group} people (or against a reference that small) not shown: a gap over so few people would be theirs.
          </td>
        </tr>
      )}
    </>
  );
}

function ParitySection({ report }: { readonly report: Report }) {
  const club = report.parity.filter((p) => p.kind === 'club');
  const spiff = report.parity.filter((p) => p.kind === 'spiff');
  return (
    <section aria-labelledby="parity-title" className="leader-section" data-testid="parity">
      <h2 id="parity-title">SE and AE recognition parity</h2>
      <p className="muted">Big S, big E: SEs belong in President&apos;s Club and SPIFs like their sales peers. Flagged when SEs are not eligible, or trail the AEs.</p>
      {report.parity.length === 0 ? (
        <p>No recognition program or SPIF in the fiscal year.</p>
      ) : (
        <>
          <ul className="leader-people-list">
            {report.parity.map((p) => (
              <li key={`${p.kind}-${p.program}`} className="card" data-program={p.program} data-kind={p.kind} data-flagged={p.flagged}>
                <strong>{p.kind === 'club' ? 'Recognition' : 'SPIF'}</strong> <code>{p.program}</code> ({p.year}){' '}
                {p.flagged ? <span className="badge bad">flagged</span> : <span className="badge good">at parity</span>}
                {!p.se.eligible && <span className="badge bad leader-badge-gap">SEs not eligible</span>}
                <p className="leader-tight-p">{p.message}.</p>
              </li>
            ))}
          </ul>
          {club.length > 0 && <ParityChart entries={club} kind="club" />}
          {spiff.length > 0 && <ParityChart entries={spiff} kind="spiff" />}
        </>
      )}
    </section>
  );
}

function ParityChart({ entries, kind }: { readonly entries: readonly Parity[]; readonly kind: 'club' | 'spiff' }) {
  const club = kind === 'club';
  const fmt = (n: number) => (club ? share(n) : n.toLocaleString('en-US', { maximumFractionDigits: 4 }));
  return (
    <BarsChart
      label={club ? 'President’s Club: share of SEs and of AEs who qualified' : 'SPIF awards per head, SEs and AEs'}
      rows={entries.flatMap((e) => [
        { name: e.program, value: e.se.per_head, group: 'SEs' },
        { name: e.program, value: e.ae.per_head, group: 'AEs' },
      ])}
      xLabel={club ? 'Share who qualified' : 'Awards per person on a plan'}
      xTick={club ? '.0%' : '.2f'}
      testId={`parity-${kind}-chart`}
      table={{
        columns: ['Program', 'SEs', 'SE awards', 'SE per head', 'AEs', 'AE awards', 'AE per head'],
        rows: entries.map((e) => [e.program, String(e.se.heads), String(e.se.count), fmt(e.se.per_head), String(e.ae.heads), String(e.ae.count), fmt(e.ae.per_head)]),
      }}
    />
  );
}

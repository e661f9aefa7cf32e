/**
 * The HTML report of `tandem people report --html FILE`: the findings about people against the
 * ladder (tenure promotions, stuck, missing conversations), with charts of compa-ratios against
 * the bands, pay-equity gaps and SE/AE recognition parity.
 */
import type { PeopleReport } from '../../core/ladder/people-report.js';
import { COLORS } from './charts.js';
import { escapeHtml, figureHtml, pageHtml, statsHtml, tableHtml, type FigureHtml } from './html-page.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function horizontalBars(options: {
  id: string;
  title: string;
  description: string;
  labels: readonly string[];
  datasets: readonly { label: string; data: readonly number[]; colors: string | readonly string[] }[];
  format: 'multiple' | 'share' | 'percent' | 'decimal';
  axisTitle: string;
  tableHtml: string;
  noteHtml?: string;
}): FigureHtml {
  return {
    title: options.title,
    description: options.description,
    height: Math.max(180, 80 + options.labels.length * (options.datasets.length > 1 ? 34 : 24)),
    noteHtml: options.noteHtml,
    tableHtml: options.tableHtml,
    spec: {
      id: options.id,
      ticks: { x: options.format },
      tooltip: { valueAxis: 'x', value: options.format },
      config: {
        type: 'bar',
        data: {
          labels: [...options.labels],
          datasets: options.datasets.map((d) => ({ label: d.label, data: [...d.data], backgroundColor: typeof d.colors === 'string' ? d.colors : [...d.colors], borderWidth: 0, barPercentage: 0.8 })),
        },
        options: {
          indexAxis: 'y',
          scales: {
            x: { type: 'linear', title: { display: true, text: options.axisTitle } },
            y: { type: 'category', ticks: { autoSkip: false }, grid: { display: false } },
          },
          plugins: { legend: { display: options.datasets.length > 1, position: 'bottom' } },
        },
      },
    },
  };
}

function listSection(title: string, intro: string, items: readonly string[], empty: string): string {
  const body = items.length === 0 ? `<p>${escapeHtml(empty)}</p>` : `<ul class="people-list">${items.map((i) => `<li>${i}</li>`).join('\n')}</ul>`;
  return `<section><h2>${escapeHtml(title)} <span class="count">(${items.length})</span></h2><p>${escapeHtml(intro)}</p>${body}</section>`;
}

export function peopleHtml(report: PeopleReport): string {
  const figures: FigureHtml[] = [];
  const withBand = report.compa_ratio.filter((c) => c.compa_ratio !== null);
  if (withBand.length > 0) {
    figures.push(
      horizontalBars({
        id: 'compa-ratio',
        title: 'Compa-ratio: base salary ÷ band midpoint',
        description: `Compa-ratio for ${withBand.length} people with a band; ${withBand.filter((c) => c.position !== 'within').length} outside their band.`,
        labels: withBand.map((c) => `${c.person_id} ${c.level}`),
        datasets: [{ label: 'Compa-ratio', data: withBand.map((c) => c.compa_ratio ?? 0), colors: withBand.map((c) => (c.position === 'within' ? COLORS.blueFill : COLORS.loss)) }],
        format: 'multiple',
        axisTitle: 'Base ÷ band midpoint',
        noteHtml: 'Red bars are outside the band’s minimum–maximum.',
        tableHtml: tableHtml({
          head: ['Person', 'Level', 'Location', 'Base', 'Band min', 'Band mid', 'Band max', 'Compa-ratio', 'Range penetration', 'Position'],
          rows: withBand.map((c) => [escapeHtml(c.person_id), escapeHtml(c.level), escapeHtml(c.location), `${escapeHtml(c.base_salary)} ${escapeHtml(c.currency)}`, c.band?.min ?? '', c.band?.mid ?? '', c.band?.max ?? '', c.compa_ratio?.toFixed(3) ?? '—', pct(c.range_penetration), c.position]),
          numeric: [false, false, false, true, true, true, true, true, true, false],
          rowHeaders: true,
        }),
      }),
    );
  }
  if (report.pay_equity.length > 0) {
    const labels = report.pay_equity.map((g) => `${g.attribute.replace(/^attr_/, '')}=${g.group} vs ${g.reference}`);
    figures.push(
      horizontalBars({
        id: 'pay-equity',
        title: 'Pay-equity gaps in base salary',
        description: `Base salary gap of each group against the largest, raw within level and adjusted for level, location, currency and tenure: ${report.pay_equity.map((g, i) => `${labels[i] ?? ''} ${pct(g.adjusted_gap)} adjusted`).join('; ')}.`,
        labels,
        datasets: [
          { label: 'Raw (within level)', data: report.pay_equity.map((g) => g.raw_gap ?? 0), colors: COLORS.orangeFill },
          { label: 'Adjusted', data: report.pay_equity.map((g) => g.adjusted_gap ?? 0), colors: COLORS.blueFill },
        ],
        format: 'percent',
        axisTitle: 'Gap against the reference group',
        noteHtml: `Flagged when the adjusted gap is ${pct(report.settings.payEquityGap)} or more with ${report.settings.payEquityMinGroup}+ people in each group.`,
        tableHtml: tableHtml({
          head: ['Group', 'People', 'Reference people', 'Raw gap', 'Adjusted gap', 'Flagged'],
          rows: report.pay_equity.map((g, i) => [escapeHtml(labels[i] ?? ''), String(g.n_group), String(g.n_reference), pct(g.raw_gap), pct(g.adjusted_gap), g.flagged ? 'yes' : 'no']),
          numeric: [false, true, true, true, true, false],
          rowHeaders: true,
        }),
      }),
    );
  }
  for (const kind of ['club', 'spiff'] as const) {
    const entries = report.parity.filter((p) => p.kind === kind);
    if (entries.length === 0) continue;
    figures.push(
      horizontalBars({
        id: `parity-${kind}`,
        title: kind === 'club' ? 'Recognition: share qualifying, SEs and AEs' : 'SPIF awards per head, SEs and AEs',
        description: entries.map((e) => e.message).join(' '),
        labels: entries.map((e) => e.program),
        datasets: [
          { label: 'SEs', data: entries.map((e) => e.se.per_head), colors: COLORS.blueFill },
          { label: 'AEs', data: entries.map((e) => e.ae.per_head), colors: COLORS.orangeFill },
        ],
        format: kind === 'club' ? 'share' : 'decimal',
        axisTitle: kind === 'club' ? 'Share of people evaluated who qualified' : 'Awards per person on a plan',
        tableHtml: tableHtml({
          head: ['Program', 'SEs', 'SE count', 'SE per head', 'AEs', 'AE count', 'AE per head', 'Flagged'],
          rows: entries.map((e) => [escapeHtml(e.program), String(e.se.heads), String(e.se.count), String(e.se.per_head), String(e.ae.heads), String(e.ae.count), String(e.ae.per_head), e.flagged ? 'yes' : 'no']),
          numeric: [false, true, true, true, true, true, true, false],
          rowHeaders: true,
        }),
      }),
    );
  }

  const sections = [
    listSection(
      'Tenure promotions',
      'Promotions where the person did not meet the new level’s bar at the time: a rating below the expectation or missing, or evidence short of a minimum.',
      report.tenure_promotions.map(
        (t) =>
          `<strong>${escapeHtml(t.person_id)} ${escapeHtml(t.name)}</strong>: ${escapeHtml(t.from_level)} → ${escapeHtml(t.to_level)} on ${escapeHtml(t.date)}${t.packet ? '' : ', no packet'} — ${escapeHtml(t.gaps.map((g) => (g.rating_met ? `${g.name}: evidence short` : `${g.name}: rated ${g.rating ?? 'none'}, expected ${g.expected}`)).join('; '))}`,
      ),
      'None: every promotion that could be judged met the new level’s bar.',
    ),
    listSection(
      'Stuck',
      `People at one level for ${report.settings.stuckYears}+ years whose ratings meet the next level, or exceed their own on every competency.`,
      report.stuck.map((s) => `<strong>${escapeHtml(s.person_id)} ${escapeHtml(s.name)}</strong>: ${escapeHtml(s.message)}`),
      'None.',
    ),
    listSection(
      'No path conversation',
      `People with no career-path conversation in the last ${report.settings.conversationMonths} months.`,
      report.no_conversation.map((c) => `<strong>${escapeHtml(c.person_id)} ${escapeHtml(c.name)}</strong> (${escapeHtml(c.level)}): ${c.last_conversation === null ? 'never' : `last on ${escapeHtml(c.last_conversation)}, ${c.months_since ?? ''} months ago`}`),
      'None: everyone had one.',
    ),
  ];
  const flaggedParity = report.parity.filter((p) => p.flagged);
  const stats = statsHtml([
    { label: 'People on the ladder', valueHtml: String(report.in_scope) },
    { label: 'Tenure promotions', valueHtml: String(report.tenure_promotions.length) },
    { label: 'Stuck', valueHtml: String(report.stuck.length) },
    { label: 'No conversation', valueHtml: String(report.no_conversation.length) },
    { label: 'Outside their band', valueHtml: String(report.compa_ratio.filter((c) => c.position === 'below' || c.position === 'above').length) },
    { label: 'Parity flags', valueHtml: String(flaggedParity.length), hint: flaggedParity.map((p) => p.program).join(', ') || undefined },
  ]);
  const body = `${stats}\n${sections.join('\n')}\n<section><h2>Pay and recognition</h2>${figures.map(figureHtml).join('\n')}</section>`;
  return pageHtml({
    title: `People report — as of ${report.as_of}`,
    kicker: `Ladder ${report.ladder}`,
    metaHtml: `As of ${escapeHtml(report.as_of)} · ${report.in_scope} people on the ladder`,
    bodyHtml: body,
    charts: figures.map((f) => f.spec),
    data: report,
  });
}

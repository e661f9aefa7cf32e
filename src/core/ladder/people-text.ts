/** The people report as tidy terminal tables. */
import { textTable } from '../text-table.js';
import type { PeopleReport } from './people-report.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export function explainPeopleReport(r: PeopleReport): string {
  const out: string[] = [`People report — ladder ${r.ladder}, as of ${r.as_of}, ${r.in_scope} ${r.in_scope === 1 ? 'person' : 'people'} on the ladder`, ''];

  out.push(`Tenure promotions (did not meet the new level's bar at the time): ${r.tenure_promotions.length}`);
  for (const t of r.tenure_promotions) {
    const gaps = t.gaps.map((g) => (g.rating_met ? `${g.name} evidence short` : `${g.name} ${g.rating ?? 'unrated'}<${g.expected}`)).join(', ');
    out.push(`  ${t.person_id} ${t.name}: ${t.from_level} → ${t.to_level} on ${t.date}${t.years_at_previous_level === null ? '' : ` after ${t.years_at_previous_level.toFixed(1)} years`}${t.packet ? '' : ', no packet'}; ${gaps}`);
  }
  if (r.unassessed_promotions > 0) out.push(`  (${plural(r.unassessed_promotions, 'promotion')} with no rating before it could not be judged)`);
  out.push('');

  out.push(`Stuck (${r.settings.stuckYears}+ years at a level while ready for more): ${r.stuck.length}`);
  for (const s of r.stuck) out.push(`  ${s.person_id} ${s.name}: ${s.message}`);
  out.push('');

  out.push(`No path conversation in ${r.settings.conversationMonths} months: ${r.no_conversation.length}`);
  for (const c of r.no_conversation) out.push(`  ${c.person_id} ${c.name} (${c.level}, manager ${c.manager_id || '—'}): ${c.last_conversation === null ? 'never' : `last on ${c.last_conversation}, ${c.months_since} months ago`}`);
  out.push('');

  const outside = r.compa_ratio.filter((c) => c.position === 'below' || c.position === 'above');
  const noBand = r.compa_ratio.filter((c) => c.position === 'no_band');
  out.push(`Compa-ratio against bands.csv: ${r.compa_ratio.length - noBand.length} with a band, ${outside.length} outside it${noBand.length > 0 ? `, ${noBand.length} without a band (${noBand.map((c) => c.person_id).join(', ')})` : ''}`);
  const rows = [['person', 'level', 'location', 'base', 'band min–max', 'compa', 'penetration', 'position']];
  for (const c of r.compa_ratio.filter((x) => x.band !== null)) {
    rows.push([c.person_id, c.level, c.location, `${c.base_salary} ${c.currency}`, `${c.band?.min ?? ''}–${c.band?.max ?? ''}`, c.compa_ratio?.toFixed(3) ?? '—', pct(c.range_penetration), c.position]);
  }
  out.push(...textTable(rows, new Set([3, 5, 6])).map((l) => `  ${l}`), '');

  out.push(`Pay equity (base salary gap against the largest group; flagged at ${pct(r.settings.payEquityGap)} adjusted, groups of ${r.settings.payEquityMinGroup}+):`);
  if (r.pay_equity.length === 0) out.push('  no attr_* columns with two or more groups');
  for (const g of r.pay_equity) {
    out.push(`  ${g.attribute}=${g.group} vs ${g.reference} (${g.n_group} vs ${g.n_reference}): raw within level ${pct(g.raw_gap)}, adjusted ${pct(g.adjusted_gap)}${g.flagged ? '  FLAGGED' : ''}`);
  }
  out.push('');

  out.push('SE vs AE recognition parity:');
  if (r.parity.length === 0) out.push('  no statements in the year of the as-of day');
  for (const p of r.parity) out.push(`  ${p.flagged ? 'FLAGGED ' : ''}${p.kind} ${p.program} (${p.year}): ${p.message}`);
  return `${out.join('\n')}\n`;
}

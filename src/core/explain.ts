/**
 * A statement explained for the person it is about: every measure, every credited deal with its
 * share and rule, every arithmetic step, SPIFs, adjustments and the total. Rendered from the same
 * values as the JSON output, so the two always agree.
 */
import { formatDay } from './dates.js';
import type { Org } from './model.js';
import { measureTrace, statementJson, type TraceDealJson } from './output.js';
import { formatRatio } from './rational.js';
import type { Statement } from './statement.js';
import { textTable } from './text-table.js';
import type { TraceStep } from './trace.js';

function isDeal(entry: TraceDealJson | TraceStep): entry is TraceDealJson {
  return 'deal_id' in entry;
}

/** A readable, self-contained statement (plain text, or Markdown with `markdown: true`). */
export function explainStatement(s: Statement, org: Org, options: { markdown?: boolean } = {}): string {
  const md = options.markdown ?? false;
  const json = statementJson(s, org, { trace: false });
  const out: string[] = [];
  const h1 = (t: string) => out.push(md ? `# ${t}` : `${t}\n${'='.repeat(t.length)}`);
  const h2 = (t: string) => out.push('', md ? `## ${t}` : `${t}\n${'-'.repeat(t.length)}`);
  const p = (t: string) => out.push(t);
  const person = s.person;
  const personName = person.name !== '' ? `${person.name} (${person.id})` : person.id;
  h1(`Statement for ${personName}, ${s.period.label}`);
  p('');
  p(`Plan: ${s.plan.id}${s.plan.name !== s.plan.id ? ` "${s.plan.name}"` : ''} (${s.plan.file}, effective ${formatDay(s.plan.effective.from)}..${formatDay(s.plan.effective.to)}, version ${s.plan.hash})`);
  p(`Period: ${s.period.label}, ${formatDay(s.period.from)}..${formatDay(s.period.to)}; active on the plan ${formatDay(s.active.from)}..${formatDay(s.active.to)} (${s.ti.activeDays} of ${s.ti.periodDays} days)`);
  p(`Currency: ${s.currency}; rounding: ${org.settings.rounding}, once per line`);
  p(`Target incentive for the period: ${json.target_incentive}`);

  s.measures.forEach((m, i) => {
    const mj = json.measures[i];
    if (!mj) return;
    const measure = m.measure;
    h2(`Measure ${measure.id}${measure.name !== measure.id ? `: ${measure.name}` : ''}`);
    p(
      `${measure.metric}${measure.metric === 'mbo' ? '' : `, ${measure.credit} credit`}, weight ${formatRatio(measure.weight)}, ${m.kind === 'ytd' ? 'year to date' : 'per period'}`,
    );
    const trace = measureTrace(s, m, org);
    const deals = trace.filter(isDeal);
    const steps = trace.filter((e): e is TraceStep => !isDeal(e));
    if (m.kind !== 'mbo') {
      p('');
      if (deals.length === 0) p('No deals credited.');
      else {
        p(`Credited deals (${deals.length}):`);
        const rows = [['date', 'deal', 'amount', 'share', 'rule', 'credit', 'note']];
        for (const d of deals) {
          const note = [d.clawback ? 'clawback (churned)' : '', d.fx ? `${d.fx.amount} ${d.fx.currency} × ${d.fx.rate}` : ''].filter((x) => x !== '').join('; ');
          rows.push([d.date, d.deal_id, d.amount, d.share, d.rule, d.credit, note]);
        }
        if (md) {
          out.push('', `| ${rows[0]?.join(' | ') ?? ''} |`, `|${rows[0]?.map(() => '---').join('|') ?? ''}|`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`));
        } else {
          out.push(...textTable(rows, new Set([2, 3, 5])).map((l) => `  ${l}`));
        }
      }
    }
    p('');
    p('How it is calculated:');
    for (const step of steps) p(`${md ? '-' : ' '} ${step.step}: ${step.text}`);
    p('');
    p(
      `Result: credited ${mj.credited} · quota ${mj.quota} · attainment ${mj.attainment} · factor ${mj.factor} · payout ${mj.payout}${mj.balance !== undefined ? ` · balance ${mj.balance}` : ''}`,
    );
  });

  h2('SPIFs');
  if (s.spiffs.length === 0) p('None this period.');
  s.spiffs.forEach((x, i) => {
    const award = x.spiff.award.kind === 'per_deal' ? `${formatRatio(x.spiff.award.amount)} ${org.settings.currency} per deal` : `${formatRatio(x.spiff.award.rate)} of the deal amount`;
    p(`${md ? '- ' : ''}${x.spiff.id}${x.spiff.name !== x.spiff.id ? ` "${x.spiff.name}"` : ''} on deal ${x.deal.id} (closed ${x.deal.closeDate === undefined ? '?' : formatDay(x.deal.closeDate)}): ${award} → ${json.spiffs[i]?.payout ?? ''}`);
  });

  h2('Adjustments');
  if (s.adjustments.length === 0) p('None this period.');
  json.adjustments.forEach((a) => p(`${md ? '- ' : ''}${a.period}: ${a.amount}, "${a.reason}", approved by ${a.approver}`));

  h2('Total');
  const parts = [
    ...json.measures.map((m) => `${m.payout} (${m.id})`),
    ...json.spiffs.map((x) => `${x.payout} (SPIF ${x.id}, ${x.deal_id})`),
    ...json.adjustments.map((a) => `${a.amount} (adjustment)`),
  ];
  p(`Total: ${json.total} ${s.currency}${parts.length > 0 ? ` = ${parts.join(' + ')}` : ''}`);
  return `${out.join('\n')}\n`;
}

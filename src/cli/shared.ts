import type { Org, Problem } from '../core/model.js';
import { parsePeriod, type FiscalCalendar, type Period } from '../core/periods.js';
import { formatProblem } from '../core/problems.js';
import { formatUnits, roundToUnits } from '../core/rational.js';
import { textTable } from '../core/text-table.js';
import type { Statement } from '../core/statement.js';
import { UsageError, type Io } from './io.js';

/** Parses a --period value or fails with a usage error that shows the accepted forms. */
export function parsePeriodOption(text: string, calendar: FiscalCalendar): Period {
  const p = parsePeriod(text, calendar);
  if (!p) throw new UsageError(`--period "${text}" is not a period: use 2026, 2026-H1, 2026-Q3 or 2026-M07 (fiscal)`);
  return p;
}

/** Prints warnings to stderr, at most `limit` of them plus a count of the rest. */
export function printWarnings(io: Io, warnings: readonly Problem[], limit = 20): void {
  for (const w of warnings.slice(0, limit)) io.stderr(`${formatProblem(w)}\n`);
  if (warnings.length > limit) io.stderr(`… and ${warnings.length - limit} more warnings (run tandem validate to see them all)\n`);
}

/** A summary table of statements: one row each, and totals per currency. */
export function formatSummary(org: Org, period: Period, statements: readonly Statement[]): string {
  const rows: string[][] = [['person', 'name', 'role', 'plan', 'period', 'target inc.', 'measures', 'spiffs', 'adjust.', 'total', 'cur']];
  const totals = new Map<string, { digits: number; ti: bigint; total: bigint; count: number }>();
  for (const s of statements) {
    const m = s.measures.reduce((a, x) => a + x.payout, 0n);
    const sp = s.spiffs.reduce((a, x) => a + x.payout, 0n);
    const adj = s.adjustments.reduce((a, x) => a + x.payout, 0n);
    const f = (u: bigint) => formatUnits(u, s.minorDigits);
    const tiUnits = roundToUnits(s.ti.ti, s.minorDigits, org.settings.rounding);
    rows.push([s.person.id, s.person.name, s.person.role, s.plan.id, s.period.label, f(tiUnits), f(m), f(sp), f(adj), f(s.total), s.currency]);
    const t = totals.get(s.currency) ?? { digits: s.minorDigits, ti: 0n, total: 0n, count: 0 };
    t.ti += tiUnits;
    t.total += s.total;
    t.count++;
    totals.set(s.currency, t);
  }
  let out = `${org.settings.name} — ${period.label} (${statements.length} statement${statements.length === 1 ? '' : 's'})\n\n`;
  out += `${textTable(rows, new Set([5, 6, 7, 8, 9])).join('\n')}\n`;
  for (const [cur, t] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out += `\nTotal ${cur}: ${formatUnits(t.total, t.digits)} paid on ${formatUnits(t.ti, t.digits)} of target incentive across ${t.count} statement${t.count === 1 ? '' : 's'}`;
  }
  return `${out}\n`;
}

/** A progress bar on stderr when it is a terminal (silent otherwise); call `done()` to finish it. */
export function progressBar(io: Io, label: string): { update: (done: number, total: number) => void; done: () => void } {
  let last = -1;
  let shown = false;
  return {
    update: (done, total) => {
      if (!io.isTty || total <= 0) return;
      const pct = Math.floor((done * 100) / total);
      if (pct === last) return;
      last = pct;
      shown = true;
      const width = 30;
      const filled = Math.round((pct * width) / 100);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
    },
    done: () => {
      if (shown) io.stderr('\n');
    },
  };
}

/** Parses a whole-number option (`--trials 1000`) or fails with a usage error. */
export function wholeNumber(text: string, name: string, min = 0): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${text}"`);
  return Number(text);
}

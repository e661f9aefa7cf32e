/**
 * Recognition programs (President's Club): who qualifies, on what attainment, and who takes the
 * seats — for SEs and AEs alike, so parity between them is visible.
 */
import type { Org, Person, RecognitionCriterion, RecognitionProgram } from './model.js';
import { formatRatio, Rational, ZERO } from './rational.js';
import type { Statement } from './statement.js';
import { textTable } from './text-table.js';

export interface RecognitionRow {
  readonly person: Person;
  readonly criterion: RecognitionCriterion;
  /** Undefined when the person had no statement with the measure in the year. */
  readonly attainment: Rational | undefined;
  readonly credited: Rational | undefined;
  readonly quota: Rational | undefined;
  readonly qualified: boolean;
  readonly seat: boolean;
  readonly reason: string;
}

export interface RecognitionResult {
  readonly program: RecognitionProgram;
  readonly rows: readonly RecognitionRow[];
  /** Per role: people evaluated, qualified, seated. */
  readonly byRole: readonly { readonly role: string; readonly evaluated: number; readonly qualified: number; readonly seated: number }[];
}

/**
 * The person's attainment on `measureId` over a fiscal year: cumulative credit over cumulative
 * quota across the year's statements (a ytd measure's last cumulative values per plan version);
 * an mbo measure's mean score.
 */
export function yearAttainment(statements: readonly Statement[], measureId: string): { credited: Rational; quota: Rational; attainment: Rational } | undefined {
  let credited = ZERO;
  let quota = ZERO;
  let found = false;
  const lastYtd = new Map<string, { from: number; credited: Rational; quota: Rational }>();
  for (const s of statements) {
    for (const m of s.measures) {
      if (m.measure.id !== measureId) continue;
      found = true;
      if (m.kind === 'ytd') {
        const prev = lastYtd.get(s.plan.file);
        if (!prev || s.period.from > prev.from) lastYtd.set(s.plan.file, { from: s.period.from, credited: m.credited, quota: m.quota });
      } else {
        credited = credited.add(m.credited);
        quota = quota.add(m.quota);
      }
    }
  }
  for (const v of lastYtd.values()) {
    credited = credited.add(v.credited);
    quota = quota.add(v.quota);
  }
  if (!found || quota.isZero()) return undefined;
  return { credited, quota, attainment: credited.div(quota) };
}

/** Evaluates every program of fiscal year `year` on the year's statements. */
export function recognize(org: Org, statements: readonly Statement[], year: number): RecognitionResult[] {
  const yearStatements = statements.filter((s) => s.period.fy === year);
  const byPerson = new Map<string, Statement[]>();
  for (const s of yearStatements) byPerson.set(s.person.id, [...(byPerson.get(s.person.id) ?? []), s]);
  return org.recognition
    .filter((p) => p.year === year)
    .map((program) => {
      const rows: RecognitionRow[] = [];
      for (const person of org.people) {
        const criteria = program.criteria.filter((c) => c.roles.includes(person.role));
        if (criteria.length === 0) continue;
        let best: RecognitionRow | undefined;
        for (const criterion of criteria) {
          const a = yearAttainment(byPerson.get(person.id) ?? [], criterion.measureId);
          const qualified = a !== undefined && a.attainment.ge(criterion.attainmentAtLeast);
          const reason =
            a === undefined
              ? `no ${criterion.measureId} statement in ${year}`
              : `${criterion.measureId} attainment ${formatRatio(a.attainment)} ${qualified ? 'meets' : 'is below'} ${formatRatio(criterion.attainmentAtLeast)}`;
          const row: RecognitionRow = { person, criterion, attainment: a?.attainment, credited: a?.credited, quota: a?.quota, qualified, seat: false, reason };
          if (!best || (row.qualified && !best.qualified) || (row.qualified === best.qualified && (row.attainment?.gt(best.attainment ?? ZERO) ?? false))) best = row;
        }
        if (best) rows.push(best);
      }
      const qualified = rows.filter((r) => r.qualified).sort((a, b) => (b.attainment ?? ZERO).cmp(a.attainment ?? ZERO) || (a.person.id < b.person.id ? -1 : 1));
      const seats = program.seats ?? qualified.length;
      const seated = new Set(qualified.slice(0, seats).map((r) => r.person.id));
      const cut = qualified[seats - 1];
      const final = rows.map((r) => {
        if (!r.qualified) return r;
        const seat = seated.has(r.person.id);
        const tie = !seat && cut?.attainment !== undefined && r.attainment?.eq(cut.attainment) ? ` (tied with ${cut.person.id} at the last seat; ties go to the lower person id)` : '';
        return { ...r, seat, reason: seat ? `${r.reason}; seated` : `${r.reason}; qualified but no seat left (${seats} seats)${tie}` };
      });
      final.sort((a, b) => (a.seat !== b.seat ? (a.seat ? -1 : 1) : a.qualified !== b.qualified ? (a.qualified ? -1 : 1) : (b.attainment ?? Rational.fromInt(-1)).cmp(a.attainment ?? Rational.fromInt(-1)) || (a.person.id < b.person.id ? -1 : 1)));
      const roles = [...new Set(final.map((r) => r.person.role))].sort();
      return {
        program,
        rows: final,
        byRole: roles.map((role) => ({
          role,
          evaluated: final.filter((r) => r.person.role === role).length,
          qualified: final.filter((r) => r.person.role === role && r.qualified).length,
          seated: final.filter((r) => r.person.role === role && r.seat).length,
        })),
      };
    });
}

export interface RecognitionJson {
  readonly year: number;
  readonly programs: readonly {
    readonly id: string;
    readonly name: string;
    readonly seats: number | null;
    readonly people: readonly { readonly person_id: string; readonly role: string; readonly measure: string; readonly attainment: string | null; readonly required: string; readonly qualified: boolean; readonly seat: boolean; readonly reason: string }[];
    readonly by_role: readonly { readonly role: string; readonly evaluated: number; readonly qualified: number; readonly seated: number }[];
  }[];
}

/** Recognition results as JSON. */
export function recognitionJson(year: number, results: readonly RecognitionResult[]): RecognitionJson {
  return {
    year,
    programs: results.map((r) => ({
      id: r.program.id,
      name: r.program.name,
      seats: r.program.seats ?? null,
      people: r.rows.map((row) => ({
        person_id: row.person.id,
        role: row.person.role,
        measure: row.criterion.measureId,
        attainment: row.attainment ? formatRatio(row.attainment) : null,
        required: formatRatio(row.criterion.attainmentAtLeast),
        qualified: row.qualified,
        seat: row.seat,
        reason: row.reason,
      })),
      by_role: r.byRole,
    })),
  };
}

/** A readable report: each program, who is seated, who qualified, who did not and why. */
export function explainRecognition(year: number, results: readonly RecognitionResult[]): string {
  const out: string[] = [];
  if (results.length === 0) out.push(`No recognition program for fiscal year ${year} in recognition.yaml.`);
  for (const r of results) {
    out.push(`${r.program.name} (${r.program.id}), fiscal year ${year}${r.program.seats !== undefined ? `, ${r.program.seats} seats` : ''}`);
    for (const c of r.program.criteria) out.push(`  ${c.roles.join('/')}: ${c.measureId} attainment at least ${formatRatio(c.attainmentAtLeast)}`);
    out.push('');
    const rows = [['person', 'name', 'role', 'measure', 'attainment', 'needed', 'result']];
    for (const row of r.rows) {
      rows.push([row.person.id, row.person.name, row.person.role, row.criterion.measureId, row.attainment ? formatRatio(row.attainment) : '-', formatRatio(row.criterion.attainmentAtLeast), row.seat ? 'SEATED' : row.qualified ? 'qualified, no seat' : 'not qualified']);
    }
    out.push(...textTable(rows, new Set([4, 5])).map((l) => `  ${l}`));
    out.push('', '  By role (the Big S parity check: SEs recognised like their sales peers?):');
    for (const b of r.byRole) {
      const rate = b.evaluated === 0 ? '0' : ((b.qualified * 100) / b.evaluated).toFixed(1);
      out.push(`    ${b.role}: ${b.qualified} of ${b.evaluated} qualified (${rate}%), ${b.seated} seated`);
    }
    const notes = r.rows.filter((x) => x.qualified && !x.seat);
    if (notes.length > 0) out.push('', ...notes.map((x) => `  ${x.person.id}: ${x.reason}`));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Big S parity: SEs recognised and rewarded like their sales peers. Org-wide (findings carry
 * `plan: null`), three checks over the analysed year:
 *
 * - a SPIF whose `roles` leave every SE role out, and which paid AEs on deals that had an SE on the
 *   deal team;
 * - a recognition program (President's Club) with no criterion for SEs;
 * - a program with criteria for both, where the share of SEs who qualify trails the share of AEs
 *   by more than `parity.max_rate_gap` (default 10 points).
 */
import { minorUnits } from '../currency.js';
import type { Deal, Org, Person, RecognitionProgram, Spiff } from '../model.js';
import { formatRatio, formatUnits, Rational, roundToUnits, ZERO } from '../rational.js';
import { recognize, type RecognitionResult } from '../recognition.js';
import { compareIds, dealTeamIds, exact, groupThousands, isAeRole, isSeRole, listText, num, pct, plural } from './common.js';
import type { DiagnosticsInput, Finding } from './types.js';

const SPIF_WHY =
  'Big S, big E (the essay): when a deal closes the SE was part of closing it, and incentive programs that pay the AE and skip the SE say the Sales half of the title is an afterthought.';
const CLUB_WHY = 'The SEs who stay are those treated like their sales peers, with equitable access to President’s Club when the team wins (the essay).';

/** Per-currency totals of minor units, as decimal strings in currency order. */
function totals(byCurrency: ReadonlyMap<string, bigint>): Record<string, string> {
  return Object.fromEntries([...byCurrency].sort(([a], [b]) => compareIds(a, b)).map(([c, u]) => [c, formatUnits(u, minorUnits(c))]));
}

function totalsText(byCurrency: ReadonlyMap<string, bigint>): string {
  if (byCurrency.size === 0) return 'nothing';
  return [...byCurrency]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([c, u]) => `${groupThousands(formatUnits(u, minorUnits(c)))} ${c}`)
    .join(' + ');
}

function spiffFindings(input: DiagnosticsInput, people: ReadonlyMap<string, Person>): Finding[] {
  const { org, config } = input;
  const teamOf = dealTeamIds(org);
  const findings: Finding[] = [];
  for (const spiff of org.spiffs) {
    if (spiff.roles === undefined || spiff.roles.some((r) => isSeRole(r, config))) continue;
    const paid = new Map<string, { deal: Deal; awards: number }>();
    const aeTotals = new Map<string, bigint>();
    let awards = 0;
    for (const s of input.statements) {
      if (s.period.fy !== input.year || !isAeRole(s.person.role, config)) continue;
      for (const line of s.spiffs) {
        if (line.spiff !== spiff) continue;
        const entry = paid.get(line.deal.id) ?? { deal: line.deal, awards: 0 };
        entry.awards++;
        paid.set(line.deal.id, entry);
        awards++;
        aeTotals.set(s.currency, (aeTotals.get(s.currency) ?? 0n) + line.payout);
      }
    }
    const withSe = [...paid.values()]
      .map(({ deal, awards: n }) => ({ deal, awards: n, ses: teamOf(deal).filter((id) => isSeRole(people.get(id)?.role ?? '', config)) }))
      .filter((d) => d.ses.length > 0)
      .sort((a, b) => compareIds(a.deal.id, b.deal.id));
    if (withSe.length === 0) continue;
    const seAwardTotals = new Map<string, bigint>();
    const onSeDealsTotals = new Map<string, bigint>();
    let seAwards = 0;
    for (const d of withSe) {
      const award = spiffAward(spiff, d.deal, org);
      seAwards += d.ses.length;
      seAwardTotals.set(award.currency, (seAwardTotals.get(award.currency) ?? 0n) + award.units * BigInt(d.ses.length));
    }
    const seDeals = new Set(withSe.map((d) => d.deal.id));
    for (const s of input.statements) {
      if (s.period.fy !== input.year || !isAeRole(s.person.role, config)) continue;
      for (const line of s.spiffs) {
        if (line.spiff === spiff && seDeals.has(line.deal.id)) onSeDealsTotals.set(s.currency, (onSeDealsTotals.get(s.currency) ?? 0n) + line.payout);
      }
    }
    const ses = [...new Set(withSe.flatMap((d) => d.ses))].sort(compareIds);
    findings.push({
      rule: 'parity',
      severity: 'high',
      plan: null,
      message: `SPIF ${spiff.id} (roles ${spiff.roles.join(', ')}) paid AEs on ${plural(withSe.length, 'deal')} that had an SE on the deal team (${totalsText(onSeDealsTotals)}) and left out the ${plural(ses.length, 'SE')} who worked them: ${listText(ses)}.`,
      why: SPIF_WHY,
      evidence: {
        spiff: spiff.id,
        roles: [...spiff.roles],
        deals_paid: paid.size,
        ae_awards: awards,
        ae_award_total: totals(aeTotals),
        deals_with_se: withSe.length,
        ae_award_total_on_deals_with_se: totals(onSeDealsTotals),
        ses_left_out: ses,
        deals: withSe.map((d) => ({ deal_id: d.deal.id, ses: d.ses })),
        se_awards_if_included: { count: seAwards, total: totals(seAwardTotals) },
      },
      fix: `Add the SE role to ${spiff.id} in spiffs.yaml (roles: [${[...spiff.roles, ...seRoleNames(input)].join(', ')}]) so everyone on a qualifying deal team is paid; at the same award that is ${plural(seAwards, 'SE award')} (${totalsText(seAwardTotals)}) this year.`,
    });
  }
  return findings;
}

/** The SE roles to add to a SPIF's `roles:`: `se_roles`, else the roles of the SEs paid this year. */
function seRoleNames(input: DiagnosticsInput): string[] {
  if (input.config.seRoles) return [...input.config.seRoles];
  const roles = new Set(input.statements.filter((s) => isSeRole(s.person.role, input.config)).map((s) => s.person.role));
  return roles.size > 0 ? [...roles].sort(compareIds) : ['SE'];
}

/** What the SPIF would pay one more person on `deal` (per_deal in the org currency; a percentage in the deal's). */
function spiffAward(spiff: Spiff, deal: Deal, org: Org): { currency: string; units: bigint } {
  if (spiff.award.kind === 'per_deal') {
    const c = org.settings.currency;
    return { currency: c, units: toUnits(spiff.award.amount, c, org) };
  }
  return { currency: deal.currency, units: toUnits(deal.amount.mul(spiff.award.rate), deal.currency, org) };
}

function toUnits(r: Rational, currency: string, org: Org): bigint {
  return roundToUnits(r, minorUnits(currency), org.settings.rounding);
}

interface RoleRate {
  evaluated: number;
  qualified: number;
  seated: number;
}

function rate(r: RoleRate): Rational {
  return r.evaluated === 0 ? ZERO : Rational.of(BigInt(r.qualified), BigInt(r.evaluated));
}

function roleRates(result: RecognitionResult, pick: (role: string) => boolean): RoleRate {
  const out: RoleRate = { evaluated: 0, qualified: 0, seated: 0 };
  for (const b of result.byRole) {
    if (!pick(b.role)) continue;
    out.evaluated += b.evaluated;
    out.qualified += b.qualified;
    out.seated += b.seated;
  }
  return out;
}

function criteriaEvidence(program: RecognitionProgram): { roles: string[]; measure: string; attainment_at_least: number }[] {
  return program.criteria.map((c) => ({ roles: [...c.roles], measure: c.measureId, attainment_at_least: num(c.attainmentAtLeast) }));
}

function recognitionFindings(input: DiagnosticsInput): Finding[] {
  const { org, config, year } = input;
  const programs = org.recognition.filter((p) => p.year === year);
  const coversSe = (p: RecognitionProgram) => p.criteria.some((c) => c.roles.some((r) => isSeRole(r, config)));
  const coversAe = (p: RecognitionProgram) => p.criteria.some((c) => c.roles.some((r) => isAeRole(r, config)));
  const withSe = programs.filter(coversSe).map((p) => p.id);
  const findings: Finding[] = [];
  const results = programs.some((p) => coversSe(p) && coversAe(p)) || programs.some((p) => !coversSe(p)) ? recognize(org, input.statements, year) : [];
  const seOnPlans = new Set(input.statements.filter((s) => s.period.fy === year && isSeRole(s.person.role, config)).map((s) => s.person.id)).size;
  for (const program of programs) {
    const result = results.find((r) => r.program === program);
    if (!coversSe(program)) {
      const ae = result ? roleRates(result, (r) => isAeRole(r, config)) : { evaluated: 0, qualified: 0, seated: 0 };
      const alone = withSe.length === 0;
      findings.push({
        rule: 'parity',
        severity: alone ? 'high' : 'low',
        plan: null,
        message: alone
          ? `Recognition program ${program.id} has no criterion for SEs, and no other ${year} program recognises them: ${plural(seOnPlans, 'SE')} on plans cannot qualify while ${ae.qualified} of ${plural(ae.evaluated, 'AE')} do.`
          : `Recognition program ${program.id} has no criterion for SEs (they are recognised separately in ${listText(withSe)}).`,
        why: CLUB_WHY,
        evidence: {
          program: program.id,
          criteria: criteriaEvidence(program),
          ses_on_plans: seOnPlans,
          ae: { ...ae, rate: num(rate(ae)) },
          other_programs_with_se: withSe,
        },
        fix: alone
          ? `Add an SE criterion to ${program.id} in recognition.yaml, e.g. { roles: [SE], measure: bookings, attainment_at_least: 1.0 } on the SE plan's bookings measure, with seats in proportion to headcount.`
          : `Check that ${listText(withSe)} gives SEs the same seats and trip as ${program.id} gives AEs, or fold both into one program with a criterion per role.`,
      });
      continue;
    }
    if (!coversAe(program) || !result) continue;
    const se = roleRates(result, (r) => isSeRole(r, config));
    const ae = roleRates(result, (r) => isAeRole(r, config));
    if (se.evaluated === 0 || ae.evaluated === 0) continue;
    const gap = rate(ae).sub(rate(se));
    const maxGap = exact(config.parity.maxRateGap);
    if (!gap.gt(maxGap)) continue;
    // The SE bar at which SEs would qualify at the AE rate: the k-th best SE attainment, k = ⌈AE rate × SEs⌉.
    const k = Number((BigInt(ae.qualified) * BigInt(se.evaluated) + BigInt(ae.evaluated) - 1n) / BigInt(ae.evaluated));
    const seAttainments = result.rows
      .filter((r) => isSeRole(r.person.role, config) && r.attainment !== undefined)
      .map((r) => r.attainment ?? ZERO)
      .sort((a, b) => b.cmp(a));
    const bar = seAttainments[k - 1];
    const suggested = bar && bar.sign() > 0 ? Rational.of((bar.n * 100n) / bar.d, 100n) : undefined;
    const seCriteria = program.criteria.filter((c) => c.roles.some((r) => isSeRole(r, config)));
    findings.push({
      rule: 'parity',
      severity: se.qualified === 0 ? 'high' : 'medium',
      plan: null,
      message: `${program.id}: ${se.qualified} of ${plural(se.evaluated, 'SE')} qualify (${pct(rate(se))}) against ${ae.qualified} of ${plural(ae.evaluated, 'AE')} (${pct(rate(ae))}), a gap of ${pct(gap)} (more than ${pct(maxGap, 0)}).`,
      why: CLUB_WHY,
      evidence: {
        program: program.id,
        criteria: criteriaEvidence(program),
        se: { ...se, rate: num(rate(se)) },
        ae: { ...ae, rate: num(rate(ae)) },
        rate_gap: num(gap),
        max_rate_gap: config.parity.maxRateGap,
        suggested_se_attainment_at_least: suggested ? num(suggested) : null,
      },
      fix: suggested
        ? `Set the SE criterion (${listText(seCriteria.map((c) => `${c.measureId} ≥ ${formatRatio(c.attainmentAtLeast)}`))}) to attainment_at_least ${formatRatio(suggested)}, where ${k} of the ${se.evaluated} SEs qualify like the AEs do, or qualify SEs on the deals they worked (mirroring their aligned AE).`
        : `Qualify SEs on a measure they can reach (their own plan's bookings or technical wins), or mirror the AE they are aligned with.`,
    });
  }
  return findings;
}

/** Every parity finding for the analysed year (org-wide, `plan: null`). */
export function parity(input: DiagnosticsInput): Finding[] {
  const people = new Map(input.org.people.map((p) => [p.id, p]));
  return [...spiffFindings(input, people), ...recognitionFindings(input)];
}

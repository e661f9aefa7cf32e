/**
 * bands: pay bands that honour both paths. Findings: no bands.csv at all (medium); a ladder level
 * with no band (medium); an IC band whose base_mid is more than `maxIcBandGap` (default 10%) below a
 * management band's at the same grade, location and currency (high).
 *
 * Bands compared are each level's latest (by effective_from) per location; a band with a blank
 * location stands for every location that level has no band of its own for.
 */
import { minorUnits } from '../../currency.js';
import { exact, groupThousands, num, pct } from '../../diagnostics/common.js';
import { formatMoney, pow10, Rational } from '../../rational.js';
import type { Band, Level } from '../model.js';
import { levelLabel } from './common.js';
import type { LadderFinding, LadderLintInput } from './types.js';

const WHY =
  'Comp should reflect the scope of the level on both paths (the essay): a Staff or Principal SE paid well below a manager of the same grade tells every strong IC that management is the only real promotion.';

/** Each level's latest band per location. */
function currentBands(bands: readonly Band[]): Map<string, Map<string, Band>> {
  const out = new Map<string, Map<string, Band>>();
  for (const b of bands) {
    const byLocation = out.get(b.level) ?? new Map<string, Band>();
    const seen = byLocation.get(b.location);
    if (seen === undefined || (b.effectiveFrom ?? -Infinity) > (seen.effectiveFrom ?? -Infinity)) byLocation.set(b.location, b);
    out.set(b.level, byLocation);
  }
  return out;
}

/** `184,875.00 USD`. */
function moneyText(amount: Rational, currency: string): string {
  return `${groupThousands(formatMoney(amount, minorUnits(currency), 'half_even'))} ${currency}`;
}

/** `amount` rounded up to the currency's minor unit: the least amount that is at least `amount`. */
function ceilMoney(amount: Rational, currency: string): Rational {
  const scale = pow10(minorUnits(currency));
  const scaled = amount.mul(Rational.fromInt(scale));
  const units = scaled.n / scaled.d + (scaled.n % scaled.d > 0n ? 1n : 0n);
  return Rational.of(units, scale);
}

export function bands({ ladder, index, bands: rows, options }: LadderLintInput): LadderFinding[] {
  if (rows === undefined) {
    return [
      {
        rule: 'bands',
        severity: 'medium',
        message: `Bands missing: ladder ${ladder.id} has no bands.csv, so none of its ${ladder.levels.length} levels has a pay band.`,
        why: 'Comp that reflects the scope of each level needs a band per level; without bands, pay across the two paths cannot be checked at all.',
        fix: 'Add bands.csv beside ladder.yaml (level, location, currency, base_min, base_mid, base_max, target_incentive_pct, effective_from); `tandem ladder init` writes a default one.',
      },
    ];
  }
  const findings: LadderFinding[] = [];
  const current = currentBands(rows);
  for (const level of ladder.levels) {
    if (current.has(level.id)) continue;
    findings.push({
      rule: 'bands',
      severity: 'medium',
      level: level.id,
      message: `${levelLabel(level)} has no band in bands.csv.`,
      why: 'Every level needs a band: a level without one has no pay attached to its scope, and its parity with the other track cannot be checked.',
      fix: `Add a bands.csv row for ${level.id} (base_min, base_mid, base_max${level.grade === undefined ? '' : `, at the pay of grade ${level.grade}`}).`,
    });
  }
  const kindOf = (l: Level) => index.tracks.get(l.track)?.kind;
  const gap = exact(options.maxIcBandGap);
  const floorShare = Rational.fromInt(1).sub(gap);
  for (const ic of ladder.levels) {
    if (kindOf(ic) !== 'ic' || ic.grade === undefined) continue;
    const icBands = current.get(ic.id);
    if (!icBands) continue;
    for (const mgmt of ladder.levels) {
      if (kindOf(mgmt) !== 'management' || mgmt.grade !== ic.grade) continue;
      const mgmtBands = current.get(mgmt.id);
      if (!mgmtBands) continue;
      const locations = [...new Set([...icBands.keys(), ...mgmtBands.keys()])].sort();
      for (const location of locations) {
        const a = icBands.get(location) ?? icBands.get('');
        const b = mgmtBands.get(location) ?? mgmtBands.get('');
        if (!a || !b || a.currency !== b.currency || b.baseMid.isZero()) continue;
        if (!a.baseMid.lt(b.baseMid.mul(floorShare))) continue;
        const below = b.baseMid.sub(a.baseMid).div(b.baseMid);
        const where = location === '' ? '' : ` in ${location}`;
        findings.push({
          rule: 'bands',
          severity: 'high',
          level: ic.id,
          message: `IC paid well below management for the same grade: ${levelLabel(ic)}'s base_mid ${moneyText(a.baseMid, a.currency)} is ${pct(below)} below ${levelLabel(mgmt)}'s ${moneyText(b.baseMid, b.currency)} at grade ${ic.grade}${where} (more than ${pct(gap, 0)}).`,
          why: WHY,
          fix: `Raise ${ic.id}'s base_mid${where} to at least ${moneyText(ceilMoney(b.baseMid.mul(floorShare), a.currency), a.currency)}, or give the two levels different grades if their scope truly differs.`,
          evidence: {
            grade: ic.grade,
            location,
            currency: a.currency,
            management_level: mgmt.id,
            ic_base_mid: formatMoney(a.baseMid, minorUnits(a.currency), 'half_even'),
            management_base_mid: formatMoney(b.baseMid, minorUnits(b.currency), 'half_even'),
            gap: num(below),
          },
        });
      }
    }
  }
  return findings;
}

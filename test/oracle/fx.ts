import { formatDate, type Day } from './dates.js';
import type { FxRow } from './model.js';
import { dayInPeriod, MONTHS_IN } from './periods.js';
import { Rational } from './rational.js';

/** fx.csv: the rate of the shortest labelled period containing the date; the org currency is 1. */
export function rateToOrg(fx: readonly FxRow[], orgCurrency: string, currency: string, day: Day): Rational {
  if (currency === orgCurrency) return Rational.ONE;
  const candidates = fx
    .filter((row) => row.currency === currency && dayInPeriod(day, row.period))
    .sort((a, b) => MONTHS_IN[a.period.kind] - MONTHS_IN[b.period.kind]);
  const best = candidates[0];
  if (best === undefined) throw new Error(`fx.csv:1:rate_to_org_currency: no rate for ${currency} on ${formatDate(day)}`);
  return best.rate;
}

/** amount × rate(from) / rate(to); no rate is needed when the two currencies are the same. */
export function convert(
  fx: readonly FxRow[],
  orgCurrency: string,
  amount: Rational,
  from: string,
  to: string,
  day: Day,
): Rational {
  if (from === to) return amount;
  return amount.mul(rateToOrg(fx, orgCurrency, from, day)).div(rateToOrg(fx, orgCurrency, to, day));
}

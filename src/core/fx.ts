import type { Day } from './dates.js';
import type { FxRate } from './model.js';
import { kindRank } from './periods.js';
import { ONE, type Rational } from './rational.js';

/**
 * Exchange rates to the org currency. A rate applies to the shortest labelled period containing
 * the date (month, then quarter, half, year); the org currency's rate is always 1.
 */
export class FxTable {
  private readonly byCurrency = new Map<string, FxRate[]>();
  private readonly cache = new Map<string, Map<Day, FxRate | null>>();

  constructor(
    readonly orgCurrency: string,
    rates: readonly FxRate[],
  ) {
    for (const r of rates) {
      const list = this.byCurrency.get(r.currency);
      if (list) list.push(r);
      else this.byCurrency.set(r.currency, [r]);
    }
    for (const list of this.byCurrency.values()) {
      list.sort((a, b) => kindRank(a.period.kind) - kindRank(b.period.kind) || a.period.from - b.period.from);
    }
  }

  /** The fx.csv row that gives `currency`'s rate on `day`; undefined for the org currency or when missing. */
  rateRow(currency: string, day: Day): FxRate | undefined {
    let perDay = this.cache.get(currency);
    if (!perDay) {
      perDay = new Map();
      this.cache.set(currency, perDay);
    }
    const hit = perDay.get(day);
    if (hit !== undefined) return hit ?? undefined;
    const found = (this.byCurrency.get(currency) ?? []).find((r) => day >= r.period.from && day <= r.period.to);
    perDay.set(day, found ?? null);
    return found;
  }

  /** `currency`'s rate to the org currency on `day` (1 for the org currency); undefined when missing. */
  rate(currency: string, day: Day): Rational | undefined {
    if (currency === this.orgCurrency) return ONE;
    return this.rateRow(currency, day)?.rate;
  }
}

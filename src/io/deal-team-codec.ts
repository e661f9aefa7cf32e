/**
 * deal_team.csv read in a worker thread for large orgs: the rows are validated exactly as in the
 * main thread (same table reader, same zod schema), then encoded in a few transferable columns
 * (ids joined in one string, repeated values as dictionary codes) so handing them back costs
 * almost nothing, and decoded into a DealTeamTable on the main thread.
 */
import { DealTeamTable } from '../core/deal-team.js';
import type { Problem } from '../core/model.js';
import { Rational, ZERO } from '../core/rational.js';
import { csvSchemas } from './schemas.js';
import { readTable, type TableSpec } from './table.js';

/** The deal-team rows of one file, encoded for transfer between threads. */
export interface EncodedDealTeam {
  readonly count: number;
  /** Deal ids joined by "\n". */
  readonly dealIds: string;
  readonly people: string[];
  readonly personCodes: Int32Array<ArrayBuffer>;
  readonly roles: string[];
  readonly roleCodes: Int32Array<ArrayBuffer>;
  /** Distinct decimals as [numerator, denominator] text; split code -1 means blank. */
  readonly decimals: [string, string][];
  readonly splitCodes: Int32Array<ArrayBuffer>;
  readonly hourCodes: Int32Array<ArrayBuffer>;
  readonly lines: Int32Array<ArrayBuffer>;
  readonly problems: Problem[];
}

class Dictionary<T> {
  readonly values: T[] = [];
  private readonly codes = new Map<string, number>();
  code(key: string, value: T): number {
    let c = this.codes.get(key);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(key, c);
    }
    return c;
  }
}

class GrowableInt32 {
  data: Int32Array<ArrayBuffer> = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }
}

/** Reads and validates deal_team.csv text, encoding the valid rows. */
export function encodeDealTeam(text: string, spec: TableSpec): EncodedDealTeam {
  const schema = csvSchemas({ startMonth: 1, label: 'end' }).deal_team;
  const ids: string[] = [];
  const people = new Dictionary<string>();
  const roles = new Dictionary<string>();
  const decimals = new Dictionary<[string, string]>();
  const personCodes = new GrowableInt32();
  const roleCodes = new GrowableInt32();
  const splitCodes = new GrowableInt32();
  const hourCodes = new GrowableInt32();
  const lines = new GrowableInt32();
  const decimal = (r: Rational) => decimals.code(`${r.n}/${r.d}`, [r.n.toString(), r.d.toString()]);
  const result = readTable(text, spec, schema, (r, line) => {
    ids.push(r.deal_id);
    personCodes.push(people.code(r.person_id, r.person_id));
    roleCodes.push(roles.code(r.role, r.role));
    splitCodes.push(r.split === undefined ? -1 : decimal(r.split));
    hourCodes.push(decimal(r.hours ?? ZERO));
    lines.push(line);
  });
  return {
    count: ids.length,
    dealIds: ids.join('\n'),
    people: people.values,
    personCodes: personCodes.done(),
    roles: roles.values,
    roleCodes: roleCodes.done(),
    decimals: decimals.values,
    splitCodes: splitCodes.done(),
    hourCodes: hourCodes.done(),
    lines: lines.done(),
    problems: result.problems,
  };
}

/** The rows as a DealTeamTable; `canonicalId` may swap a deal id for the deal's own string. */
export function decodeDealTeam(enc: EncodedDealTeam, canonicalId: (id: string) => string): DealTeamTable {
  const n = enc.count;
  const ids = n === 0 ? [] : enc.dealIds.split('\n');
  const decimals = enc.decimals.map(([num, den]) => Rational.of(BigInt(num), BigInt(den)));
  const columns = {
    dealIds: new Array<string>(n),
    personIds: new Array<string>(n),
    roles: new Array<string>(n),
    splits: new Array<Rational | undefined>(n),
    hours: new Array<Rational>(n),
    lines: new Array<number>(n),
  };
  for (let i = 0; i < n; i++) {
    const split = enc.splitCodes[i] ?? -1;
    columns.dealIds[i] = canonicalId(ids[i] ?? '');
    columns.personIds[i] = enc.people[enc.personCodes[i] ?? 0] ?? '';
    columns.roles[i] = enc.roles[enc.roleCodes[i] ?? 0] ?? '';
    columns.splits[i] = split < 0 ? undefined : decimals[split];
    columns.hours[i] = decimals[enc.hourCodes[i] ?? 0] ?? ZERO;
    columns.lines[i] = enc.lines[i] ?? 0;
  }
  return new DealTeamTable(columns);
}

import { parseDate, type Day } from './dates.js';
import type { RoundingMode } from './format.js';
import type {
  Adjustment,
  CreditRule,
  Deal,
  DealFilter,
  FxRow,
  MboRow,
  Measure,
  MeasureRef,
  Metric,
  Org,
  Person,
  Plan,
  QuotaRow,
  Spiff,
  TeamMember,
  Tier,
} from './model.js';
import { FiscalCalendar, type PeriodKind } from './periods.js';
import { Rational } from './rational.js';
import {
  asList,
  asMap,
  cell,
  isMap,
  optString,
  readCsv,
  readYaml,
  reqString,
  requiredCell,
  stringOrList,
  type CsvTable,
  type YamlMap,
} from './read-files.js';

/** Reads a whole org folder (as a map of relative path -> text) into the oracle's model. */
export function parseOrg(files: Readonly<Record<string, string>>): Org {
  const orgYaml = asMap(readYaml(files, 'org.yaml'), 'org.yaml');
  const currency = reqString(orgYaml, 'currency', 'org.yaml');
  const calendar = new FiscalCalendar(
    Number(optString(orgYaml, 'fiscal_year_start', 'org.yaml') ?? '1'),
    oneOf(optString(orgYaml, 'fiscal_year_label', 'org.yaml') ?? 'end', ['end', 'start'] as const, 'fiscal_year_label'),
  );
  const rounding: RoundingMode = oneOf(
    optString(orgYaml, 'rounding', 'org.yaml') ?? 'half_even',
    ['half_even', 'half_up'] as const,
    'rounding',
  );
  const renames = (file: string): Record<string, string> => columnRenames(orgYaml, file);

  const people = parsePeople(mustCsv(readCsv(files, 'people.csv', ['id', 'role'], renames('people')), 'people.csv'), currency);
  const dealsTable = mustCsv(
    readCsv(files, 'deals.csv', ['id', 'owner_id', 'amount', 'stage', 'close_date'], renames('deals')),
    'deals.csv',
  );
  const deals = parseDeals(dealsTable, currency);
  const dealColumns = dealsTable.columns;
  const team = parseTeam(readCsv(files, 'deal_team.csv', ['deal_id', 'person_id'], renames('deal_team')), deals, people);
  const cal = calendar;
  const quotas = parseQuotas(readCsv(files, 'quotas.csv', ['measure', 'period', 'target'], renames('quotas')), cal, people);
  const mbo = parseMbo(readCsv(files, 'mbo.csv', ['person_id', 'measure', 'period', 'score'], renames('mbo')), cal);
  const plans = Object.keys(files)
    .filter((f) => /^plans\/.+\.ya?ml$/.test(f))
    .sort()
    .map((f) => parsePlan(f, asMap(readYaml(files, f), f), dealColumns));
  const spiffsDoc = readYaml(files, 'spiffs.yaml');
  const spiffs = spiffsDoc === undefined ? [] : asList(spiffsDoc, 'spiffs.yaml').map((s, i) => parseSpiff(s, i, cal, dealColumns));
  const adjustments = parseAdjustments(
    readCsv(files, 'adjustments.csv', ['person_id', 'period', 'amount', 'reason', 'approver'], renames('adjustments'), {
      person: 'person_id',
      approver_id: 'approver',
    }),
    cal,
  );
  const fx = parseFx(readCsv(files, 'fx.csv', ['currency', 'period', 'rate_to_org_currency'], renames('fx')), cal, currency);

  return {
    name: reqString(orgYaml, 'name', 'org.yaml'),
    currency,
    rounding,
    calendar,
    people,
    deals,
    dealColumns,
    team,
    quotas,
    mbo,
    plans,
    spiffs,
    adjustments,
    fx,
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(`${what}: unexpected "${value}"`);
  return found;
}

function mustCsv(table: CsvTable | undefined, name: string): CsvTable {
  if (table === undefined) throw new Error(`${name} is missing`);
  return table;
}

function columnRenames(orgYaml: YamlMap, file: string): Record<string, string> {
  const columns = orgYaml['columns'];
  if (columns === undefined) return {};
  const forFile = asMap(columns, 'org.yaml:columns')[file];
  if (forFile === undefined) return {};
  const map = asMap(forFile, `org.yaml:columns.${file}`);
  const out: Record<string, string> = {};
  for (const key of Object.keys(map)) out[key.toLowerCase()] = reqString(map, key, `org.yaml:columns.${file}`);
  return out;
}

function optDate(text: string): Day | undefined {
  return text === '' ? undefined : parseDate(text);
}

function optDecimal(text: string): Rational | undefined {
  return text === '' ? undefined : Rational.parseDecimal(text);
}

function parseBoolean(text: string, where: string): boolean {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false' || lower === '') return false;
  throw new Error(`${where}: not a boolean: "${text}"`);
}

function parseMeasureRef(text: string): MeasureRef {
  const slash = text.indexOf('/');
  return slash < 0 ? { planId: undefined, measureId: text } : { planId: text.slice(0, slash), measureId: text.slice(slash + 1) };
}

function checkUnique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`duplicate ${what} "${id}"`);
    seen.add(id);
  }
}

// ---- CSV files ----

function parsePeople(table: CsvTable, orgCurrency: string): Person[] {
  const people = table.rows.map((row, i): Person => {
    const where = `people.csv:${i + 2}`;
    const person: Person = {
      id: requiredCell(row, 'id', where),
      role: requiredCell(row, 'role', where),
      team: cell(row, 'team'),
      territory: cell(row, 'territory'),
      hireDate: optDate(cell(row, 'hire_date')),
      endDate: optDate(cell(row, 'end_date')),
      currency: cell(row, 'currency') || orgCurrency,
      targetIncentive: optDecimal(cell(row, 'target_incentive')),
      plan: cell(row, 'plan'),
    };
    if (person.hireDate !== undefined && person.endDate !== undefined && person.endDate < person.hireDate) {
      throw new Error(`${where}: end_date before hire_date`);
    }
    return person;
  });
  checkUnique(
    people.map((p) => p.id),
    'person id',
  );
  return people;
}

function parseDeals(table: CsvTable, orgCurrency: string): Deal[] {
  const deals = table.rows.map((row, i): Deal => {
    const where = `deals.csv:${i + 2}`;
    const closeDate = optDate(cell(row, 'close_date'));
    const churnDate = optDate(cell(row, 'churn_date'));
    if (churnDate !== undefined && (closeDate === undefined || churnDate < closeDate)) {
      throw new Error(`${where}: churn_date precedes close_date`);
    }
    return {
      id: requiredCell(row, 'id', where),
      ownerId: cell(row, 'owner_id'),
      amount: Rational.parseDecimal(requiredCell(row, 'amount', where)),
      currency: cell(row, 'currency') || orgCurrency,
      closeDate,
      technicalWin: parseBoolean(cell(row, 'technical_win'), where),
      technicalWinDate: optDate(cell(row, 'technical_win_date')),
      churnDate,
      territory: cell(row, 'territory'),
      values: row,
    };
  });
  checkUnique(
    deals.map((d) => d.id),
    'deal id',
  );
  return deals;
}

function parseTeam(table: CsvTable | undefined, deals: readonly Deal[], people: readonly Person[]): TeamMember[] {
  if (table === undefined) return [];
  const dealIds = new Set(deals.map((d) => d.id));
  const personIds = new Set(people.map((p) => p.id));
  const members = table.rows.map((row, i): TeamMember => {
    const where = `deal_team.csv:${i + 2}`;
    const member: TeamMember = {
      dealId: requiredCell(row, 'deal_id', where),
      personId: requiredCell(row, 'person_id', where),
      split: optDecimal(cell(row, 'split')),
      hours: optDecimal(cell(row, 'hours')) ?? Rational.ZERO,
    };
    if (!dealIds.has(member.dealId)) throw new Error(`${where}: unknown deal ${member.dealId}`);
    if (!personIds.has(member.personId)) throw new Error(`${where}: unknown person ${member.personId}`);
    return member;
  });
  checkUnique(
    members.map((m) => `${m.dealId} / ${m.personId}`),
    'deal-team member',
  );
  for (const dealId of dealIds) {
    const ofDeal = members.filter((m) => m.dealId === dealId);
    const given = ofDeal.flatMap((m) => (m.split === undefined ? [] : [m.split]));
    const total = Rational.sum(given);
    if (total.gt(Rational.ONE)) throw new Error(`deal ${dealId}: splits exceed 1`);
    if (ofDeal.length > 0 && given.length === ofDeal.length && !total.eq(Rational.ONE)) {
      throw new Error(`deal ${dealId}: splits must sum to exactly 1`);
    }
  }
  return members;
}

function parseQuotas(table: CsvTable | undefined, cal: FiscalCalendar, people: readonly Person[]): QuotaRow[] {
  if (table === undefined) return [];
  const personIds = new Set(people.map((p) => p.id));
  return table.rows.map((row, i): QuotaRow => {
    const where = `quotas.csv:${i + 2}`;
    const personId = cell(row, 'person_id');
    const team = personId === '' ? requiredCell(row, 'team', where) : '';
    if (personId !== '' && !personIds.has(personId)) throw new Error(`${where}: unknown person ${personId}`);
    const target = Rational.parseDecimal(requiredCell(row, 'target', where));
    if (!target.gt(Rational.ZERO)) throw new Error(`${where}: target must be > 0`);
    return {
      ...parseMeasureRef(requiredCell(row, 'measure', where)),
      personId,
      team,
      period: cal.parse(requiredCell(row, 'period', where)),
      target,
    };
  });
}

function parseMbo(table: CsvTable | undefined, cal: FiscalCalendar): MboRow[] {
  if (table === undefined) return [];
  return table.rows.map((row, i): MboRow => {
    const where = `mbo.csv:${i + 2}`;
    const score = Rational.parseDecimal(requiredCell(row, 'score', where));
    if (score.lt(Rational.ZERO)) throw new Error(`${where}: negative score`);
    return {
      ...parseMeasureRef(requiredCell(row, 'measure', where)),
      personId: requiredCell(row, 'person_id', where),
      period: cal.parse(requiredCell(row, 'period', where)),
      score,
    };
  });
}

function parseAdjustments(table: CsvTable | undefined, cal: FiscalCalendar): Adjustment[] {
  if (table === undefined) return [];
  return table.rows.map((row, i): Adjustment => {
    const where = `adjustments.csv:${i + 2}`;
    return {
      personId: requiredCell(row, 'person_id', where),
      period: cal.parse(requiredCell(row, 'period', where)),
      amount: Rational.parseDecimal(requiredCell(row, 'amount', where)),
      reason: requiredCell(row, 'reason', where),
      approver: requiredCell(row, 'approver', where),
    };
  });
}

function parseFx(table: CsvTable | undefined, cal: FiscalCalendar, orgCurrency: string): FxRow[] {
  if (table === undefined) return [];
  const rows = table.rows.map((row, i): FxRow => {
    const where = `fx.csv:${i + 2}`;
    const fx: FxRow = {
      currency: requiredCell(row, 'currency', where),
      period: cal.parse(requiredCell(row, 'period', where)),
      rate: Rational.parseDecimal(requiredCell(row, 'rate_to_org_currency', where)),
    };
    if (!fx.rate.gt(Rational.ZERO)) throw new Error(`${where}: rate must be > 0`);
    if (fx.currency === orgCurrency && !fx.rate.eq(Rational.ONE)) throw new Error(`${where}: org currency rate must be 1`);
    return fx;
  });
  checkUnique(
    rows.map((r) => `${r.currency} ${r.period.label}`),
    'fx rate',
  );
  return rows;
}

// ---- YAML files ----

const METRICS: readonly Metric[] = ['bookings', 'technical_wins', 'deals_supported', 'mbo'];
const CREDIT_RULES: readonly CreditRule[] = ['owner', 'overlay', 'split', 'activity', 'pod', 'territory'];
const PAYOUT_PERIODS: readonly PeriodKind[] = ['month', 'quarter', 'half', 'year'];

function parseFilter(x: unknown, where: string, dealColumns: ReadonlySet<string>): DealFilter {
  if (x === undefined) return [];
  const map = asMap(x, where);
  return Object.keys(map).map((column) => {
    if (!dealColumns.has(column.toLowerCase())) throw new Error(`${where}.${column}: deals.csv has no such column`);
    return { column: column.toLowerCase(), values: stringOrList(map[column], `${where}.${column}`) };
  });
}

function parseTiers(x: unknown, where: string): Tier[] {
  if (x === undefined) return [{ to: undefined, rate: Rational.ONE }];
  const tiers = asList(x, where).map((t, i): Tier => {
    const map = asMap(t, `${where}[${i}]`);
    const to = optString(map, 'to', `${where}[${i}]`);
    return { to: to === undefined ? undefined : Rational.parseDecimal(to), rate: Rational.parseDecimal(reqString(map, 'rate', `${where}[${i}]`)) };
  });
  let previous = Rational.ZERO;
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (last !== (tier.to === undefined)) throw new Error(`${where}[${i}]: only the last tier is open-ended`);
    if (tier.to !== undefined && !tier.to.gt(previous)) throw new Error(`${where}[${i}]: tier bounds must increase`);
    if (tier.rate.lt(Rational.ZERO)) throw new Error(`${where}[${i}]: negative rate`);
    previous = tier.to ?? previous;
  });
  return tiers;
}

function parseMeasure(x: unknown, where: string, dealColumns: ReadonlySet<string>): Measure {
  const map = asMap(x, where);
  const metric = oneOf(reqString(map, 'metric', where), METRICS, `${where}.metric`);
  const creditText = optString(map, 'credit', where);
  if (metric !== 'mbo' && creditText === undefined) throw new Error(`${where}.credit: required for ${metric}`);
  const thresholdText = optString(map, 'threshold', where);
  const capText = optString(map, 'cap', where);
  const measurement = oneOf(optString(map, 'measurement', where) ?? 'period', ['period', 'ytd'] as const, `${where}.measurement`);
  const measure: Measure = {
    id: reqString(map, 'id', where),
    weight: Rational.parseDecimal(reqString(map, 'weight', where)),
    metric,
    filter: parseFilter(map['deals'], `${where}.deals`, dealColumns),
    credit: creditText === undefined ? undefined : oneOf(creditText, CREDIT_RULES, `${where}.credit`),
    ytd: measurement === 'ytd' && metric !== 'mbo',
    threshold: thresholdText === undefined ? Rational.ZERO : Rational.parseDecimal(thresholdText),
    mode: oneOf(optString(map, 'mode', where) ?? 'marginal', ['marginal', 'retroactive'] as const, `${where}.mode`),
    tiers: parseTiers(map['tiers'], `${where}.tiers`),
    cap: capText === undefined ? undefined : Rational.parseDecimal(capText),
  };
  if (measure.weight.lt(Rational.ZERO) || measure.threshold.lt(Rational.ZERO) || (measure.cap?.lt(Rational.ZERO) ?? false)) {
    throw new Error(`${where}: weight, threshold and cap must be >= 0`);
  }
  return measure;
}

function parsePlan(file: string, map: YamlMap, dealColumns: ReadonlySet<string>): Plan {
  const effective = asMap(map['effective'], `${file}:effective`);
  const appliesTo = map['applies_to'];
  const roles = isMap(appliesTo) && appliesTo['role'] !== undefined ? stringOrList(appliesTo['role'], `${file}:applies_to.role`) : undefined;
  const measures = asList(map['measures'], `${file}:measures`).map((m, i) => parseMeasure(m, `${file}:measures[${i}]`, dealColumns));
  checkUnique(
    measures.map((m) => m.id),
    `measure id in ${file}`,
  );
  if (!Rational.sum(measures.map((m) => m.weight)).eq(Rational.ONE)) throw new Error(`${file}: weights must sum to exactly 1`);
  const clawback = map['clawback'];
  const withinDays = clawback === undefined ? undefined : reqString(asMap(clawback, `${file}:clawback`), 'within_days', `${file}:clawback`);
  if (withinDays !== undefined && !/^\d+$/.test(withinDays)) throw new Error(`${file}:clawback.within_days: not a whole number`);
  const ramp = map['ramp'] === undefined ? [] : stringOrList(map['ramp'], `${file}:ramp`).map((r) => Rational.parseDecimal(r));
  if (ramp.some((r) => !r.gt(Rational.ZERO) || r.gt(Rational.ONE))) throw new Error(`${file}:ramp: fractions must be in (0, 1]`);
  const plan: Plan = {
    file,
    id: reqString(map, 'id', file),
    roles,
    from: parseDate(reqString(effective, 'from', `${file}:effective`)),
    to: parseDate(reqString(effective, 'to', `${file}:effective`)),
    payoutPeriod: oneOf(reqString(map, 'payout_period', file), PAYOUT_PERIODS, `${file}:payout_period`),
    measures,
    clawbackWithinDays: withinDays === undefined ? undefined : Number(withinDays),
    ramp,
  };
  if (plan.to < plan.from) throw new Error(`${file}: effective.to before effective.from`);
  return plan;
}

function parseSpiff(x: unknown, i: number, cal: FiscalCalendar, dealColumns: ReadonlySet<string>): Spiff {
  const where = `spiffs.yaml:[${i}]`;
  const map = asMap(x, where);
  const award = asMap(map['award'], `${where}.award`);
  const perDeal = optString(award, 'per_deal', `${where}.award`);
  const percent = optString(award, 'percent_of_amount', `${where}.award`);
  if ((perDeal === undefined) === (percent === undefined)) throw new Error(`${where}.award: exactly one of per_deal, percent_of_amount`);
  return {
    id: reqString(map, 'id', where),
    period: cal.parse(reqString(map, 'period', where)),
    roles: map['roles'] === undefined ? undefined : stringOrList(map['roles'], `${where}.roles`),
    filter: parseFilter(map['deals'], `${where}.deals`, dealColumns),
    perDeal: perDeal === undefined ? undefined : Rational.parseDecimal(perDeal),
    percentOfAmount: percent === undefined ? undefined : Rational.parseDecimal(percent),
  };
}

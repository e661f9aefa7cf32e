/**
 * Parsed and calculated org versions, kept in memory per server instance. A version never changes
 * once imported, so what was computed from it stays right; the cache only bounds memory (the
 * latest few versions).
 */
import { filesOfVersion, currentVersionView } from '../app/access.js';
import { InvalidInputError, type CalculatedOrg } from '../app/org-session.js';
import type { Db } from '../db/connect.js';
import { Engine, type CalcResult } from '../core/calculate.js';
import { careerData, type CareerData } from '../core/ladder/person-reports.js';
import type { Org } from '../core/model.js';
import { sortProblems } from '../core/problems.js';
import { EVIDENCE_DEAL_COLUMNS } from '../io/load-org.js';
import { parseCareer } from '../io/parse-career.js';
import { parseOrg } from '../io/parse-org.js';
import { ApiError } from './errors.js';

export interface CareerBundle {
  readonly org: Org;
  readonly data: CareerData;
  /** The org calculated from the same parse (for the people report's pay figures). */
  readonly result: CalcResult;
}

/** One org version's files, parsed and calculated on first use. */
export class LoadedVersion {
  private calculated: CalculatedOrg | undefined;
  private careerBundle: CareerBundle | undefined;

  constructor(
    readonly id: number,
    readonly files: ReadonlyMap<string, string>,
  ) {}

  private get where(): string {
    return `org version ${this.id}`;
  }

  /** The org and every payout period calculated, as the command line's calculateOrg does. */
  calc(): CalculatedOrg {
    if (!this.calculated) {
      const t0 = performance.now();
      const parsed = parseOrg(this.files);
      if (!parsed.org) throw new InvalidInputError(parsed.problems, this.where);
      const engine = Engine.create(parsed.org);
      const t1 = performance.now();
      const result = engine.calculateAll();
      const all = [...parsed.problems, ...result.problems];
      if (result.problems.some((p) => p.severity === 'error')) throw new InvalidInputError(sortProblems(all), this.where);
      this.calculated = { org: parsed.org, engine, warnings: sortProblems(all.filter((p) => p.severity === 'warning')), loadMs: t1 - t0, result, calcMs: performance.now() - t1 };
    }
    return this.calculated;
  }

  /** The org with its ladder and people files, as the command line's evidence and readiness read them. */
  career(): CareerBundle {
    if (!this.careerBundle) {
      const parsed = parseOrg(this.files, { dealColumns: EVIDENCE_DEAL_COLUMNS });
      if (!parsed.org) throw new InvalidInputError(parsed.problems, this.where);
      const org = parsed.org;
      const dealIds = new Set(org.deals.map((d) => d.id));
      const careerParse = parseCareer(this.files, { currency: org.settings.currency, people: org.people, hasDeal: (id) => dealIds.has(id) });
      const career = careerParse.career;
      if (!career) throw new InvalidInputError(sortProblems([...parsed.problems, ...careerParse.problems]), this.where);
      if (!career.ladder) {
        throw new InvalidInputError([{ severity: 'error', file: 'ladder.yaml', line: 1, column: '1', message: `${this.where} has no ladder.yaml: evidence, readiness and people reports need the org's ladder (import one, e.g. from tandem ladder init)` }], this.where);
      }
      const result = Engine.create(org).calculateAll();
      if (result.problems.some((p) => p.severity === 'error')) throw new InvalidInputError(result.problems, this.where);
      this.careerBundle = { org, data: careerData(org, career, career.ladder), result };
    }
    return this.careerBundle;
  }
}

export class VersionCache {
  private readonly entries = new Map<number, Promise<LoadedVersion>>();

  constructor(
    private readonly store: Db,
    private readonly keep = 3,
  ) {}

  /** A version by id (its files loaded once). */
  get(id: number): Promise<LoadedVersion> {
    let entry = this.entries.get(id);
    if (entry) {
      // Most recently used last.
      this.entries.delete(id);
      this.entries.set(id, entry);
      return entry;
    }
    entry = filesOfVersion(this.store, id).then((files) => new LoadedVersion(id, files));
    entry.catch(() => this.entries.delete(id));
    this.entries.set(id, entry);
    while (this.entries.size > this.keep) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  /** The current version; 404 when no org has been imported. */
  async current(): Promise<LoadedVersion> {
    const version = await currentVersionView(this.store);
    if (!version) throw new ApiError('not_found', 'no org has been imported yet (POST /api/org/import)');
    return this.get(version.id);
  }
}

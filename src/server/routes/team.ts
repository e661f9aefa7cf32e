/**
 * A person's career as they see it, and a manager's team at a glance:
 *
 * - `GET /api/org/people/{id}/career`: level, track, level history, path conversations, whether a
 *   conversation is due and whether they are stuck (the people report's rules), their evidence
 *   against each minimum of their level and the next, and — when the org shares bands (ladder.yaml
 *   `share_bands`), and always for admins and leaders — where their base pay sits in the band.
 * - `GET /api/team`: each report (transitively) with their latest published statements (when the
 *   caller may see that pay), readiness for the next level, the stuck flag and the conversation flag.
 *
 * Stuck, conversation due and band position come from the people report itself (computed once per
 * org version and day), not from rules restated here.
 */
import { reportsOf } from '../../app/access.js';
import { latestPublishedStatements } from '../../app/team.js';
import type { Clock } from '../../app/org-store.js';
import { dayFromCivil, formatDay, parseIsoDate, type Day } from '../../core/dates.js';
import { DEFAULT_PEOPLE_OPTIONS, levelSince, peopleReport, type PeopleReport } from '../../core/ladder/people-report.js';
import { CareerQueryError, evidence, readiness, type CareerData } from '../../core/ladder/person-reports.js';
import type { Person } from '../../core/model.js';
import { formatRatio, parseDecimal } from '../../core/rational.js';
import { ApiError } from '../errors.js';
import { authorize, personScope, type Subject } from '../policy.js';
import { who, type Router } from '../router.js';
import type { CareerBundle } from '../version-cache.js';
import { asOfQuery, careerSchema, personParam, teamQuery, teamSchema } from '../schemas.js';

function asOfDay(text: string | undefined, clock: Clock): Day {
  if (text === undefined) {
    const now = clock();
    return dayFromCivil(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
  }
  const d = parseIsoDate(text);
  if (d === undefined) throw new ApiError('bad_request', `as_of "${text}" is not a date (YYYY-MM-DD)`, [{ path: 'query.as_of', message: 'not a date' }]);
  return d;
}

/** The people report per career data (one org version) and day: the team and career views read it. */
const reports = new WeakMap<CareerData, Map<Day, PeopleReport>>();
const REPORT_DAYS_KEPT = 4;

function reportOf(bundle: CareerBundle, asOf: Day): PeopleReport {
  let byDay = reports.get(bundle.data);
  if (!byDay) {
    byDay = new Map();
    reports.set(bundle.data, byDay);
  }
  let report = byDay.get(asOf);
  if (!report) {
    report = peopleReport(bundle.data, bundle.result.statements, { ...DEFAULT_PEOPLE_OPTIONS, asOf });
    byDay.set(asOf, report);
    while (byDay.size > REPORT_DAYS_KEPT) {
      const oldest = byDay.keys().next().value;
      if (oldest === undefined) break;
      byDay.delete(oldest);
    }
  }
  return report;
}

function conversationOf(report: PeopleReport, data: CareerData, personId: string, asOf: Day) {
  const listed = report.no_conversation.find((c) => c.person_id === personId);
  let last: Day | undefined;
  for (const c of data.career.conversations) if (c.personId === personId && c.date <= asOf && (last === undefined || c.date > last)) last = c.date;
  return {
    last: listed ? listed.last_conversation : last === undefined ? null : formatDay(last),
    months_since: listed ? listed.months_since : null,
    due: listed !== undefined,
    window_months: report.settings.conversationMonths,
  };
}

function stuckOf(report: PeopleReport, personId: string) {
  const s = report.stuck.find((x) => x.person_id === personId);
  if (!s) return null;
  return { level_since: s.level_since, years_at_level: s.years_at_level, reason: s.reason === 'top_of_band' ? ('top_of_band' as const) : ('meets_next_level' as const), next_level: s.next_level, meeting_next_since: s.meeting_next_since, message: s.message };
}

/** Band positions are private unless the ladder shares them; admins and leaders always see them. */
function maySeeBand(subject: Subject, data: CareerData): boolean {
  return data.ladder.shareBands || subject.role === 'admin' || subject.role === 'leader';
}

function bandPositionOf(report: PeopleReport, person: Person) {
  const c = report.compa_ratio.find((x) => x.person_id === person.id);
  if (!c) return null;
  const position: 'below' | 'within' | 'above' | 'no_band' = c.position === 'below' || c.position === 'within' || c.position === 'above' ? c.position : 'no_band';
  return { currency: c.currency, base_salary: c.base_salary, band: c.band === null ? null : { min: c.band.min, mid: c.band.mid, max: c.band.max }, compa_ratio: c.compa_ratio, range_penetration: c.range_penetration, position };
}

/** found ÷ required as an exact decimal (4 places); null when nothing is required. */
function shareOf(found: string, required: string): string | null {
  const f = parseDecimal(found);
  const r = parseDecimal(required);
  if (f === undefined || r === undefined || r.isZero()) return null;
  return formatRatio(f.div(r), 4);
}

function notFound(id: string): ApiError {
  return new ApiError('not_found', `there is no person "${id}" you may see`);
}

export function teamRoutes(router: Router): void {
  router.add({
    method: 'GET',
    path: '/api/org/people/:id/career',
    tag: 'ladder',
    summary:
      "One person's career as they see it: level and track, the next levels, level history, path conversations (and whether one is due), the stuck flag, evidence against each minimum of their level and the next, and their band position when the org shares bands (admins and leaders: always)",
    action: 'career.read',
    params: personParam,
    query: asOfQuery,
    response: careerSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const id = ctx.params.id;
      if (!authorize(me, 'career.read', { kind: 'person', personId: id })) throw notFound(id);
      const bundle = (await ctx.deps.versions.current()).career();
      const { data } = bundle;
      const person = data.people.get(id);
      if (!person) throw notFound(id);
      const asOf = asOfDay(ctx.query.as_of, ctx.deps.clock);
      const report = reportOf(bundle, asOf);
      const level = data.index.levels.get(person.level);
      const track = level ? data.index.tracks.get(level.track) : undefined;
      const manager = data.people.get(person.managerId);
      const history = data.career.levelHistory.filter((c) => c.personId === id).sort((a, b) => a.date - b.date || a.line - b.line);
      const since = level ? levelSince(person, history, asOf) : undefined;
      const nameOf = (pid: string) => data.people.get(pid)?.name ?? null;
      const minimums = level ? evidence(data, id, asOf).minimums : [];
      return {
        person_id: person.id,
        name: person.name,
        role: person.role,
        as_of: formatDay(asOf),
        level: person.level,
        on_ladder: level !== undefined,
        level_title: level?.title ?? null,
        track: track ? { id: track.id, name: track.name, kind: track.kind } : null,
        level_since: since === undefined ? null : formatDay(since),
        hire_date: person.hireDate === undefined ? null : formatDay(person.hireDate),
        manager: manager && manager.id !== person.id ? { id: manager.id, name: manager.name } : null,
        next_levels: level ? data.index.next(level.id).map((l) => ({ id: l.id, title: l.title, track: l.track })) : [],
        level_history: history.filter((c) => c.date <= asOf).map((c) => ({ date: formatDay(c.date), kind: c.kind, from_level: c.fromLevel, to_level: c.toLevel, packet: c.packet })),
        conversations: data.career.conversations
          .filter((c) => c.personId === id && c.date <= asOf)
          .sort((a, b) => b.date - a.date || b.line - a.line)
          .map((c) => ({ date: formatDay(c.date), with_id: c.withId, with_name: c.withId === '' ? null : nameOf(c.withId), path: c.path, next_level: c.nextLevel, notes: c.notes })),
        conversation: conversationOf(report, data, id, asOf),
        stuck: stuckOf(report, id),
        evidence: minimums.map((m) => ({
          level: m.level,
          title: data.index.levels.get(m.level)?.title ?? m.level,
          items: m.competencies.flatMap((c) =>
            c.evidence.map((e) => ({ competency: c.competency, name: c.name, type: e.type, window: e.window, required: e.required, found: e.found, share: shareOf(e.found, e.required), assessable: e.assessable, met: e.met })),
          ),
        })),
        bands_shared: data.ladder.shareBands,
        band_position: maySeeBand(me, data) ? bandPositionOf(report, person) : null,
      };
    },
  });

  router.add({
    method: 'GET',
    path: '/api/team',
    tag: 'ladder',
    summary:
      "A manager's team at a glance: each person reporting to them (directly or through other managers) who is employed on the day, with their latest published statements (when you may see their pay), readiness for their next level, the stuck flag and whether a path conversation is due",
    description:
      'Managers see their own team, or the team of one of their reports (?manager_id=); leaders and admins any manager\'s. An account linked to no person (an admin) without ?manager_id= gets the whole org. Stuck and conversation due follow the people report (docs/people.md).',
    action: 'team.read',
    query: teamQuery,
    response: teamSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const asked = ctx.query.manager_id ?? me.personId ?? undefined;
      if (asked !== undefined && !authorize(me, 'team.read', { kind: 'person', personId: asked })) throw notFound(asked);
      const bundle = (await ctx.deps.versions.current()).career();
      const { data } = bundle;
      const manager = asked === undefined ? undefined : data.people.get(asked);
      if (asked !== undefined && !manager) throw notFound(asked);
      const asOf = asOfDay(ctx.query.as_of, ctx.deps.clock);
      const employed = (p: Person) => (p.hireDate === undefined || p.hireDate <= asOf) && (p.endDate === undefined || p.endDate >= asOf);
      const ids = manager ? await reportsOf(ctx.deps.store, manager.id) : new Set(data.org.people.map((p) => p.id));
      const people = data.org.people.filter((p) => ids.has(p.id) && employed(p)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const payScope = personScope(me, 'statements.read');
      const mayPay = (pid: string) => payScope === 'all' || payScope.has(pid);
      const figures = await latestPublishedStatements(ctx.deps.store, new Set(people.filter((p) => mayPay(p.id)).map((p) => p.id)), bundle.org.settings.calendar);
      const report = reportOf(bundle, asOf);
      return {
        manager: manager ? { id: manager.id, name: manager.name } : null,
        as_of: formatDay(asOf),
        settings: { stuck_years: report.settings.stuckYears, conversation_months: report.settings.conversationMonths },
        items: people.map((p) => {
          let ready = null;
          if (data.index.levels.has(p.level) && data.index.next(p.level).length > 0) {
            try {
              const r = readiness(data, p.id, asOf);
              ready = { target_level: r.target_level, target_title: r.target_title, meets_minimums: r.meets_minimums, gaps: r.gaps.length, gap_names: r.gaps.map((g) => g.name) };
            } catch (e) {
              if (!(e instanceof CareerQueryError)) throw e;
            }
          }
          return {
            person_id: p.id,
            name: p.name,
            role: p.role,
            level: p.level,
            level_title: data.index.levels.get(p.level)?.title ?? null,
            manager_id: p.managerId,
            direct: manager !== undefined && p.managerId === manager.id,
            statements: mayPay(p.id) ? (figures.get(p.id) ?? []) : null,
            readiness: ready,
            stuck: stuckOf(report, p.id),
            conversation: conversationOf(report, data, p.id, asOf),
          };
        }),
      };
    },
  });
}

/**
 * GET /api/org/people/{id}/career and GET /api/team, in-process on SQLite and PostgreSQL against
 * the demo org: refusals first (401, 403, 404 outside one's scope), then each figure checked
 * against its own source — the org files, the people report, readiness, the statements API — and
 * band positions shown only when ladder.yaml shares bands (admins and leaders: always).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseDecimal, Rational } from '../../src/core/rational.js';
import type { careerSchema, peopleReportSchema, readinessSchema, statementSchema, teamSchema } from '../../src/server/schemas.js';
import { available, DIALECTS } from '../db/databases.js';
import { field, parseCsv } from '../demo/helpers.js';
import { buildWorld, demoFiles, reportsFrom, type World } from './world.js';

type Career = z.infer<typeof careerSchema>;
type Team = z.infer<typeof teamSchema>;
type Readiness = Omit<z.infer<typeof readinessSchema>, 'gaps'> & { target_title: string; gaps: { name: string }[] };
type Statement = z.infer<typeof statementSchema>;
interface Report extends z.infer<typeof peopleReportSchema> {
  stuck: { person_id: string; level_since: string; years_at_level: number; reason: string; next_level: string | null; meeting_next_since: string | null; message: string }[];
  no_conversation: { person_id: string; last_conversation: string | null; months_since: number | null }[];
  compa_ratio: { person_id: string; currency: string; base_salary: string; band: { min: string; mid: string; max: string } | null; compa_ratio: number | null; range_penetration: number | null; position: string }[];
}

const AS_OF = '2026-12-15';

describe.each(DIALECTS.filter((d) => available(d)))('career and team routes on %s', (dialect) => {
  let w: World;
  const files = demoFiles();
  const csv = (name: string) => parseCsv(files.get(name) ?? '');
  beforeAll(async () => {
    w = await buildWorld(dialect);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('refuses: 401 without a session, 403 for members on /api/team, 404 outside one’s scope, 400 for a bad day', async () => {
    for (const path of ['/api/team', '/api/org/people/se-001/career']) {
      const r = await w.clients.anonymous.get(path);
      expect([r.status, r.code]).toEqual([401, 'unauthenticated']);
    }
    for (const member of [w.clients.member, w.clients.other]) {
      const r = await member.get('/api/team');
      expect([r.status, r.code]).toEqual([403, 'forbidden']);
    }
    // A member sees only themselves; a manager their reports; nobody a person who does not exist.
    for (const [client, id] of [
      [w.clients.member, 'se-008'],
      [w.clients.member, 'sem-001'],
      [w.clients.manager, 'se-008'],
      [w.clients.manager, 'sed-001'],
      [w.clients.admin, 'nobody-here'],
    ] as const) {
      const r = await client.get(`/api/org/people/${id}/career`);
      expect([r.status, r.code], id).toEqual([404, 'not_found']);
      expect(r.text).not.toContain('"level"');
    }
    // A manager may not ask for another manager's team; nobody for a team of someone unknown.
    expect((await w.clients.manager.get('/api/team?manager_id=sem-002')).status).toBe(404);
    expect((await w.clients.leader.get('/api/team?manager_id=nobody-here')).status).toBe(404);
    expect((await w.clients.member.get('/api/org/people/se-001/career?as_of=2026-02-30')).status).toBe(400);
    expect((await w.clients.manager.get('/api/team?as_of=tomorrow')).status).toBe(400);
  });

  it("career: the person's level, track, next levels, history and conversations as the files hold them", async () => {
    const r = await w.clients.member.get(`/api/org/people/se-001/career?as_of=${AS_OF}`);
    expect(r.status, r.text).toBe(200);
    const c = r.as<Career>();
    const ladder = (await w.clients.member.get('/api/ladder')).as<{ levels: { id: string; title: string; track: string; path_forward: { next: string[] } | null }[]; tracks: { id: string; name: string; levels: string[] }[] }>();
    const me = csv('people.csv').find((p) => field(p, 'id') === 'se-001');
    if (!me) throw new Error('se-001 is not in people.csv');
    const level = ladder.levels.find((l) => l.id === field(me, 'level'));
    expect(c).toMatchObject({ person_id: 'se-001', name: field(me, 'name'), level: field(me, 'level'), on_ladder: true, level_title: level?.title, as_of: AS_OF, bands_shared: false, band_position: null });
    expect(c.track?.id).toBe(level?.track);
    expect(c.track?.name).toBe(ladder.tracks.find((t) => t.id === level?.track)?.name);
    const boss = csv('people.csv').find((p) => field(p, 'id') === field(me, 'manager_id'));
    expect(c.manager).toEqual(boss ? { id: field(boss, 'id'), name: field(boss, 'name') } : null);
    expect(c.next_levels.map((l) => l.id)).toEqual(level?.path_forward?.next ?? []);
    expect(c.next_levels.length).toBeGreaterThan(0);

    const history = csv('level_history.csv').filter((h) => field(h, 'person_id') === 'se-001');
    expect(c.level_history.map((h) => [h.date, h.kind, h.to_level])).toEqual(history.map((h) => [field(h, 'date'), field(h, 'kind'), field(h, 'to_level')]).sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1)));
    const conversations = csv('conversations.csv').filter((x) => field(x, 'person_id') === 'se-001' && field(x, 'date') <= AS_OF);
    expect(c.conversations.length).toBe(conversations.length);
    expect(new Set(c.conversations.map((x) => `${x.date} ${x.path} ${x.notes}`))).toEqual(new Set(conversations.map((x) => `${field(x, 'date')} ${field(x, 'path')} ${field(x, 'notes')}`)));
    // Newest first.
    expect(c.conversations.map((x) => x.date)).toEqual([...c.conversations.map((x) => x.date)].sort().reverse());
    expect(c.conversation.last).toBe(c.conversations[0]?.date ?? null);
  });

  it('career: evidence against each minimum is the evidence report’s, with found ÷ required exact', async () => {
    const c = (await w.clients.member.get(`/api/org/people/se-001/career?as_of=${AS_OF}`)).as<Career>();
    const e = (await w.clients.member.get(`/api/org/people/se-001/evidence?as_of=${AS_OF}`)).as<{ minimums: { level: string; competencies: { competency: string; evidence: { type: string; required: string; found: string; met: boolean; assessable: boolean }[] }[] }[] }>();
    expect(c.evidence.map((m) => m.level)).toEqual(e.minimums.map((m) => m.level));
    expect(c.evidence.map((m) => m.level)).toEqual([c.level, ...c.next_levels.map((l) => l.id)]);
    let checked = 0;
    for (const [i, m] of e.minimums.entries()) {
      const flat = m.competencies.flatMap((x) => x.evidence.map((ev) => ({ competency: x.competency, ...ev })));
      const items = c.evidence[i]?.items ?? [];
      expect(items.map((x) => [x.competency, x.type, x.required, x.found, x.met, x.assessable])).toEqual(flat.map((x) => [x.competency, x.type, x.required, x.found, x.met, x.assessable]));
      for (const x of items) {
        const found = parseDecimal(x.found);
        const required = parseDecimal(x.required);
        const share = x.share === null ? undefined : parseDecimal(x.share);
        if (!found || !required || required.isZero()) expect(x.share).toBeNull();
        else {
          // found ÷ required to 4 places: |share − found/required| ≤ 0.00005.
          expect(share).toBeDefined();
          const error = (share ?? found).sub(found.div(required));
          const half = Rational.of(5n, 100000n);
          expect(error.le(half) && error.neg().le(half), `${x.type}: ${x.found} / ${x.required} ≠ ${x.share}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('career: band position for admins and leaders only while the ladder does not share bands, equal to the people report', async () => {
    const report = (await w.clients.admin.get(`/api/reports/people?as_of=${AS_OF}`)).as<Report>();
    const entry = report.compa_ratio.find((x) => x.person_id === 'se-001');
    expect(entry?.band).not.toBeNull();
    for (const client of [w.clients.member, w.clients.manager]) expect((await client.get(`/api/org/people/se-001/career?as_of=${AS_OF}`)).as<Career>().band_position).toBeNull();
    for (const client of [w.clients.admin, w.clients.leader]) {
      const b = (await client.get(`/api/org/people/se-001/career?as_of=${AS_OF}`)).as<Career>().band_position;
      expect(b).toEqual({ currency: entry?.currency, base_salary: entry?.base_salary, band: { min: entry?.band?.min, mid: entry?.band?.mid, max: entry?.band?.max }, compa_ratio: entry?.compa_ratio, range_penetration: entry?.range_penetration, position: entry?.position });
    }
  });

  it("team: exactly the manager's employed reports, with the people report's stuck and conversation flags and readiness", async () => {
    const r = await w.clients.manager.get(`/api/team?as_of=${AS_OF}`);
    expect(r.status, r.text).toBe(200);
    const team = r.as<Team>();
    const people = csv('people.csv');
    const employed = (id: string) => {
      const p = people.find((x) => field(x, 'id') === id);
      const hired = p ? field(p, 'hire_date') : '';
      const ended = p ? field(p, 'end_date') : '';
      return (hired === '' || hired <= AS_OF) && (ended === '' || ended >= AS_OF);
    };
    const expected = [...reportsFrom(people, 'sem-001')].filter(employed).sort();
    expect(team.manager?.id).toBe('sem-001');
    expect(team.items.map((i) => i.person_id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(3);

    const report = (await w.clients.leader.get(`/api/reports/people?as_of=${AS_OF}`)).as<Report>();
    for (const item of team.items) {
      const stuck = report.stuck.find((s) => s.person_id === item.person_id);
      expect(item.stuck, item.person_id).toEqual(stuck ? { level_since: stuck.level_since, years_at_level: stuck.years_at_level, reason: stuck.reason, next_level: stuck.next_level, meeting_next_since: stuck.meeting_next_since, message: stuck.message } : null);
      const due = report.no_conversation.find((n) => n.person_id === item.person_id);
      expect(item.conversation.due, item.person_id).toBe(due !== undefined);
      if (due) expect([item.conversation.last, item.conversation.months_since]).toEqual([due.last_conversation, due.months_since]);
      expect(item.direct).toBe(people.some((p) => field(p, 'id') === item.person_id && field(p, 'manager_id') === 'sem-001'));
      if (item.readiness !== null) {
        const ready = (await w.clients.manager.get(`/api/org/people/${item.person_id}/readiness?as_of=${AS_OF}`)).as<Readiness>();
        expect(item.readiness).toEqual({ target_level: ready.target_level, target_title: ready.target_title, meets_minimums: ready.meets_minimums, gaps: ready.gaps.length, gap_names: ready.gaps.map((g) => g.name) });
      }
    }
    // The demo plants stuck people at SE3: this team has one, and flags it as the report does.
    expect(team.items.filter((i) => i.stuck !== null).map((i) => i.person_id)).toEqual(report.stuck.filter((s) => expected.includes(s.person_id)).map((s) => s.person_id));
    expect(team.items.filter((i) => i.readiness !== null).length).toBeGreaterThan(0);
  });

  it("team: each person's latest published statements, as the statements API has them; no pay for leaders", async () => {
    const team = (await w.clients.manager.get(`/api/team?as_of=${AS_OF}`)).as<Team>();
    let statements = 0;
    for (const item of team.items) {
      const ids = w.publishedStatements.get(item.person_id) ?? [];
      expect(item.statements?.map((s) => s.statement_id).sort((a, b) => a - b), item.person_id).toEqual(ids);
      for (const s of item.statements ?? []) {
        const full = (await w.clients.manager.get(`/api/statements/${s.statement_id}`)).as<Statement>();
        expect([s.run_id, s.period, s.plan, s.currency, s.total]).toEqual([full.run_id, full.statement.period, full.statement.plan, full.statement.currency, full.statement.total]);
        expect(s.run_id).toBe(w.runs.published.id);
        statements++;
      }
    }
    expect(statements).toBeGreaterThan(0);
    // A leader may open anyone's team but reads only their own statements: no pay here.
    const leader = (await w.clients.leader.get(`/api/team?as_of=${AS_OF}`)).as<Team>();
    expect(leader.manager?.id).toBe('sed-001');
    expect(leader.items.length).toBeGreaterThan(team.items.length);
    expect(leader.items.every((i) => i.statements === null)).toBe(true);
    const sub = (await w.clients.leader.get(`/api/team?manager_id=sem-001&as_of=${AS_OF}`)).as<Team>();
    expect(sub.items.map((i) => i.person_id)).toEqual(team.items.map((i) => i.person_id));
  });

  it('team: admins see any team with its pay, and without a person of their own the whole org; a manager a sub-team', async () => {
    const team = (await w.clients.manager.get(`/api/team?as_of=${AS_OF}`)).as<Team>();
    const admin = (await w.clients.admin.get(`/api/team?manager_id=sem-001&as_of=${AS_OF}`)).as<Team>();
    expect(admin.items).toEqual(team.items);
    const org = (await w.clients.admin.get(`/api/team?as_of=${AS_OF}`)).as<Team>();
    expect(org.manager).toBeNull();
    expect(org.items.length).toBeGreaterThan(team.items.length);
    expect(org.items.every((i) => i.statements !== null)).toBe(true);
    // se-001 manages nobody: an empty team, not an error.
    const none = await w.clients.manager.get('/api/team?manager_id=se-001');
    expect(none.status).toBe(200);
    expect(none.as<Team>().items).toEqual([]);
  });

  it('career: with ladder.yaml share_bands: true, people and their managers see the band position too', async () => {
    const ladder = files.get('ladder.yaml') ?? '';
    const shared = Object.fromEntries([...files].map(([k, v]) => [k, k === 'ladder.yaml' ? `share_bands: true\n${ladder}` : v]));
    const imported = await w.clients.admin.post('/api/org/import', { files: shared, note: 'share bands' });
    expect(imported.status, imported.text).toBe(201);
    const report = (await w.clients.admin.get(`/api/reports/people?as_of=${AS_OF}`)).as<Report>();
    const entry = report.compa_ratio.find((x) => x.person_id === 'se-001');
    for (const client of [w.clients.member, w.clients.manager]) {
      const c = (await client.get(`/api/org/people/se-001/career?as_of=${AS_OF}`)).as<Career>();
      expect(c.bands_shared).toBe(true);
      expect(c.band_position?.base_salary).toBe(entry?.base_salary);
      expect(c.band_position?.band?.mid).toBe(entry?.band?.mid);
      expect(c.band_position?.compa_ratio).toBe(entry?.compa_ratio);
    }
    // Sharing bands widens no scope.
    expect((await w.clients.member.get('/api/org/people/se-008/career')).status).toBe(404);
  });
});

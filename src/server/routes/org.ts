/** The org: its current version, its versions, imports, and its people as each role may see them. */
import { currentVersionView, peoplePage, versionViews } from '../../app/access.js';
import { importFiles, previewFiles } from '../../app/org-store.js';
import type { PersonRecord } from '../../db/repositories/org-versions.js';
import { ApiError } from '../errors.js';
import { numberCursor, pageOf, stringCursor } from '../pagination.js';
import { authorize, mayReadAttrs, personScope, type Subject } from '../policy.js';
import { who, type Router } from '../router.js';
import { importBody, importPreviewSchema, importResultSchema, orgSummarySchema, pageOf as pageSchema, pageQuery, personParam, personSchema, versionSchema } from '../schemas.js';

/** Body limit of an import: a whole org folder. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

/** A person as `subject` may see them: `attr_*` for admins only. */
export function personView(p: PersonRecord, subject: Subject) {
  const base = { id: p.id, name: p.name, email: p.email, role: p.role, level: p.level, manager_id: p.managerId };
  return mayReadAttrs(subject) ? { ...base, attrs: { ...p.attrs } } : base;
}

export function orgRoutes(router: Router): void {
  router.add({
    method: 'GET',
    path: '/api/org',
    tag: 'org',
    summary: 'The current org version',
    action: 'session',
    response: orgSummarySchema,
    handler: async ({ deps }) => {
      const version = await currentVersionView(deps.store);
      if (!version) throw new ApiError('not_found', 'no org has been imported yet (POST /api/org/import)');
      return { version };
    },
  });

  router.add({
    method: 'GET',
    path: '/api/org/versions',
    tag: 'org',
    summary: 'Org versions, newest first',
    action: 'org.versions',
    query: pageQuery,
    response: pageSchema(versionSchema),
    handler: async ({ deps, query }) => {
      const rows = await versionViews(deps.store, { limit: query.limit + 1, beforeId: numberCursor(query.cursor) });
      return pageOf(rows, query.limit, (v) => v.id);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/org/import',
    tag: 'org',
    summary: 'Import an org folder as a new version: validated whole (every file, every payout period); 422 with every problem and nothing stored when invalid',
    action: 'org.import',
    body: importBody,
    maxBody: IMPORT_BODY_LIMIT,
    response: importResultSchema,
    status: 201,
    altStatus: 200,
    handler: async (ctx) => {
      const me = who(ctx);
      const files = new Map(Object.entries(ctx.body.files));
      const result = await importFiles(ctx.deps.store, files, { actorId: me.userId, note: ctx.body.note, clock: ctx.deps.clock, where: 'the uploaded files' });
      if (result.unchanged) ctx.status(200);
      return { version_id: result.versionId, unchanged: result.unchanged, warnings: [...result.warnings] };
    },
  });

  router.add({
    method: 'POST',
    path: '/api/org/import/preview',
    tag: 'org',
    summary: 'Check an org folder exactly as an import would and compare it with the current version, storing nothing: every problem, what the files hold, the files and people added, changed or removed',
    action: 'org.import',
    body: importBody,
    maxBody: IMPORT_BODY_LIMIT,
    response: importPreviewSchema,
    handler: async (ctx) => previewFiles(ctx.deps.store, new Map(Object.entries(ctx.body.files))),
  });

  router.add({
    method: 'GET',
    path: '/api/org/people',
    tag: 'org',
    summary: 'People of the current version you may see (admins: everyone with attr_*; leaders: everyone; managers: their reports and themselves; members: themselves)',
    action: 'people.read',
    query: pageQuery,
    response: pageSchema(personSchema),
    handler: async (ctx) => {
      const me = who(ctx);
      const version = await currentVersionView(ctx.deps.store);
      if (!version) throw new ApiError('not_found', 'no org has been imported yet (POST /api/org/import)');
      const scope = personScope(me, 'people.read');
      const rows = await peoplePage(ctx.deps.store, version.id, { limit: ctx.query.limit + 1, afterId: stringCursor(ctx.query.cursor), ...(scope === 'all' ? {} : { ids: scope }) });
      const page = pageOf(rows, ctx.query.limit, (p) => p.id);
      return { items: page.items.map((p) => personView(p, me)), next_cursor: page.next_cursor };
    },
  });

  router.add({
    method: 'GET',
    path: '/api/org/people/:id',
    tag: 'org',
    summary: 'One person of the current version (when you may see them)',
    action: 'people.read',
    params: personParam,
    response: personSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      const version = await currentVersionView(ctx.deps.store);
      if (!version) throw new ApiError('not_found', 'no org has been imported yet (POST /api/org/import)');
      const notFound = new ApiError('not_found', `there is no person "${ctx.params.id}" you may see`);
      if (!authorize(me, 'people.read', { kind: 'person', personId: ctx.params.id })) throw notFound;
      const [person] = await peoplePage(ctx.deps.store, version.id, { limit: 1, ids: new Set([ctx.params.id]) });
      if (!person) throw notFound;
      return personView(person, me);
    },
  });
}

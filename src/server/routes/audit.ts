/** The audit trail: admins list events and verify the hash chain. */
import { auditPage, verifyAuditTrail } from '../../app/access.js';
import { numberCursor, pageOf } from '../pagination.js';
import type { Router } from '../router.js';
import { auditEventSchema, auditListQuery, auditVerifySchema, pageOf as pageSchema } from '../schemas.js';

export function auditRoutes(router: Router): void {
  router.add({
    method: 'GET',
    path: '/api/audit',
    tag: 'audit',
    summary: 'Audit events, newest first (optionally ?entity= or ?action=)',
    action: 'audit.read',
    query: auditListQuery,
    response: pageSchema(auditEventSchema),
    handler: async ({ deps, query }) => {
      const rows = await auditPage(deps.store, { limit: query.limit + 1, beforeId: numberCursor(query.cursor), entity: query.entity, action: query.action });
      return pageOf(rows, query.limit, (e) => e.id);
    },
  });

  router.add({
    method: 'GET',
    path: '/api/audit/verify',
    tag: 'audit',
    summary: 'Recompute the hash chain: ok, or the first event that does not fit and why',
    action: 'audit.read',
    response: auditVerifySchema,
    handler: async ({ deps }) => {
      const v = await verifyAuditTrail(deps.store);
      return { ok: v.ok, events: v.events, ...(v.broken ? { broken: { ...v.broken } } : {}) };
    },
  });
}

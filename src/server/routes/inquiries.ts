/**
 * Inquiries: a person asks about a line of one of their published statements; admins answer and
 * resolve, optionally with an adjustment (a new org version with one more adjustments.csv row).
 * The person and admins read the thread; nobody else sees it exists.
 */
import { statementRecord } from '../../app/access.js';
import { addMessage, findInquiry, getInquiry, listInquiries, openInquiry, resolveInquiry, type InquiryView } from '../../app/inquiries.js';
import { ApiError } from '../errors.js';
import { numberCursor, pageOf } from '../pagination.js';
import { answersInquiry, authorize, type Action, type Subject } from '../policy.js';
import { who, type Deps, type Router } from '../router.js';
import { idParam, inquiryListQuery, inquirySchema, inquiryThreadSchema, messageBody, newInquiryBody, pageOf as pageSchema, resolveBody } from '../schemas.js';

async function visibleInquiry(deps: Deps, id: number, subject: Subject, action: Action): Promise<InquiryView> {
  const inquiry = await findInquiry(deps.store, id);
  if (!inquiry || !authorize(subject, action, { kind: 'inquiry', personId: inquiry.person_id, openedBy: inquiry.opened_by })) throw new ApiError('not_found', `there is no inquiry ${id} you may see`);
  return inquiry;
}

export function inquiryRoutes(router: Router): void {
  router.add({
    method: 'GET',
    path: '/api/inquiries',
    tag: 'inquiries',
    summary: 'Inquiries, newest first (admins: all; others: their own)',
    action: 'inquiries.read',
    query: inquiryListQuery,
    response: pageSchema(inquirySchema),
    handler: async (ctx) => {
      const me = who(ctx);
      const rows = await listInquiries(ctx.deps.store, {
        limit: ctx.query.limit + 1,
        beforeId: numberCursor(ctx.query.cursor),
        status: ctx.query.status,
        visibleTo: me.role === 'admin' ? 'all' : { personId: me.personId, userId: me.userId },
      });
      return pageOf(rows, ctx.query.limit, (i) => i.id);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/inquiries',
    tag: 'inquiries',
    summary: 'Ask about a line of one of your published statements (a measure id, spiff:<id>, adjustment:<n> or total); the line is kept as it was, with its trace',
    action: 'inquiries.open',
    body: newInquiryBody,
    response: inquiryThreadSchema,
    status: 201,
    handler: async (ctx) => {
      const me = who(ctx);
      const s = await statementRecord(ctx.deps.store, ctx.body.statement_id);
      if (!s || !authorize(me, 'inquiries.open', { kind: 'statement', personId: s.person_id, runStatus: s.run_status })) throw new ApiError('not_found', `there is no statement ${ctx.body.statement_id} of yours`);
      return openInquiry(ctx.deps.store, { statementId: s.id, line: ctx.body.line, message: ctx.body.message }, { actorId: me.userId, clock: ctx.deps.clock });
    },
  });

  router.add({
    method: 'GET',
    path: '/api/inquiries/:id',
    tag: 'inquiries',
    summary: 'One inquiry with its whole thread',
    action: 'inquiries.read',
    params: idParam,
    response: inquiryThreadSchema,
    handler: async (ctx) => {
      await visibleInquiry(ctx.deps, ctx.params.id, who(ctx), 'inquiries.read');
      const thread = await getInquiry(ctx.deps.store, ctx.params.id);
      if (!thread) throw new ApiError('not_found', `there is no inquiry ${ctx.params.id} you may see`);
      return thread;
    },
  });

  router.add({
    method: 'POST',
    path: '/api/inquiries/:id/messages',
    tag: 'inquiries',
    summary: "Add a message: an admin's answers the inquiry, the person's reopens it; a resolved inquiry takes no more (409)",
    action: 'inquiries.message',
    params: idParam,
    body: messageBody,
    response: inquiryThreadSchema,
    status: 201,
    handler: async (ctx) => {
      const me = who(ctx);
      await visibleInquiry(ctx.deps, ctx.params.id, me, 'inquiries.message');
      return addMessage(ctx.deps.store, ctx.params.id, { message: ctx.body.message, answers: answersInquiry(me) }, { actorId: me.userId, clock: ctx.deps.clock });
    },
  });

  router.add({
    method: 'POST',
    path: '/api/inquiries/:id/resolve',
    tag: 'inquiries',
    summary:
      "Resolve an inquiry; with an adjustment, a new org version adds the row (person, the statement's period, amount, reason, approver = your username) to adjustments.csv — a correction line, never an edit of the statement (422 with every problem when the files would be invalid)",
    action: 'inquiries.resolve',
    params: idParam,
    body: resolveBody,
    response: inquiryThreadSchema,
    handler: async (ctx) => {
      const me = who(ctx);
      await visibleInquiry(ctx.deps, ctx.params.id, me, 'inquiries.resolve');
      return resolveInquiry(ctx.deps.store, ctx.params.id, { resolution: ctx.body.resolution, ...(ctx.body.adjustment ? { adjustment: ctx.body.adjustment } : {}) }, { actorId: me.userId, approver: me.username, clock: ctx.deps.clock });
    },
  });
}

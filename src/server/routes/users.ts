/** Accounts: admins list, create and disable them. */
import { createUser, disableUser, getUser, listUsers, resetPassword, setUserRole } from '../../app/users.js';
import { ApiError } from '../errors.js';
import { numberCursor, pageOf } from '../pagination.js';
import { who, type Router } from '../router.js';
import { idParam, newUserBody, pageOf as pageSchema, pageQuery, resetPasswordBody, roleBody, userSchema } from '../schemas.js';

export function userRoutes(router: Router): void {
  router.add({
    method: 'GET',
    path: '/api/users',
    tag: 'users',
    summary: 'List accounts',
    action: 'users.manage',
    query: pageQuery,
    response: pageSchema(userSchema),
    handler: async ({ deps, query }) => {
      const rows = await listUsers(deps.store, { limit: query.limit + 1, afterId: numberCursor(query.cursor) });
      return pageOf(rows, query.limit, (u) => u.id);
    },
  });

  router.add({
    method: 'POST',
    path: '/api/users',
    tag: 'users',
    summary: 'Create an account (managers and members must be linked to a person of the current org version)',
    action: 'users.manage',
    body: newUserBody,
    response: userSchema,
    status: 201,
    handler: async (ctx) => {
      const me = who(ctx);
      const { body, deps } = ctx;
      const { id } = await createUser(deps.store, { username: body.username, password: body.password, role: body.role, personId: body.person_id }, { actorId: me.userId, clock: deps.clock });
      const user = await getUser(deps.store, id);
      if (!user) throw new ApiError('internal', `user ${id} vanished`);
      return user;
    },
  });

  router.add({
    method: 'POST',
    path: '/api/users/:id/disable',
    tag: 'users',
    summary: 'Disable an account and end its sessions',
    action: 'users.manage',
    params: idParam,
    response: userSchema,
    handler: async (ctx) => disableUser(ctx.deps.store, ctx.params.id, { actorId: who(ctx).userId, clock: ctx.deps.clock }),
  });

  router.add({
    method: 'POST',
    path: '/api/users/:id/password',
    tag: 'users',
    summary: "Reset another account's password (tell them the new one out of band) and end all of its sessions; your own: POST /api/auth/password",
    action: 'users.manage',
    params: idParam,
    body: resetPasswordBody,
    response: userSchema,
    handler: async (ctx) => resetPassword(ctx.deps.store, ctx.params.id, ctx.body.password, { actorId: who(ctx).userId, clock: ctx.deps.clock }),
  });

  router.add({
    method: 'POST',
    path: '/api/users/:id/role',
    tag: 'users',
    summary: "Change an account's role (from its next request on); managers and members must be linked to a person; not your own",
    action: 'users.manage',
    params: idParam,
    body: roleBody,
    response: userSchema,
    handler: async (ctx) => setUserRole(ctx.deps.store, ctx.params.id, ctx.body.role, { actorId: who(ctx).userId, clock: ctx.deps.clock }),
  });
}

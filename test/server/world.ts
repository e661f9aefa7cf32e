/**
 * The world the route tests run in, once per database: the demo org (standard, seed 42, fiscal
 * year 2026) imported, one account per role linked to real people — a member (se-001) and another
 * member (se-008) under different managers, their manager (sem-001), the SE director as leader —
 * and three runs: 2026-Q2 published, 2026-Q3 approved, 2026-Q4 a draft. Requests go to the app
 * in-process, each client with its own cookie and CSRF token.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Hono } from 'hono';
import pino from 'pino';
import { openApiDocument } from '../../src/server/openapi.js';
import { createUser } from '../../src/app/users.js';
import { importFiles } from '../../src/app/org-store.js';
import { approveRun, createRun, publishRun, type RunSummary } from '../../src/app/runs.js';
import { generateDemoOrg } from '../../src/core/demo/generate-demo-org.js';
import type { Dialect } from '../../src/db/connect.js';
import { createAppWithRouter } from '../../src/server/app.js';
import type { Router } from '../../src/server/router.js';
import { freshDatabase, type TestDb } from '../db/databases.js';
import { field, parseCsv, serialiseOrg, type Row } from '../demo/helpers.js';

export const PASSWORD = 'correct horse battery staple';

/** The accounts of the world: role, people.csv id. */
export const ACCOUNTS = {
  admin: { role: 'admin', personId: null },
  leader: { role: 'leader', personId: 'sed-001' },
  manager: { role: 'manager', personId: 'sem-001' },
  member: { role: 'member', personId: 'se-001' },
  other: { role: 'member', personId: 'se-008' },
} as const;

export type Who = keyof typeof ACCOUNTS | 'anonymous';
export const WHO: readonly Who[] = ['anonymous', 'member', 'other', 'manager', 'leader', 'admin'];

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  readonly json: unknown;
  /** The body as the type the test expects (checked elsewhere against the route's schema). */
  as<T>(): T;
  /** The error code of an error reply, or undefined. */
  readonly code: string | undefined;
}

export interface RequestOptions {
  readonly json?: unknown;
  /** A raw body (sent as is). */
  readonly raw?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  /** Send the CSRF header on a mutation (default true). */
  readonly csrf?: boolean;
}

/**
 * What a stack trace or a database error looks like in a reply: source positions, node_modules,
 * stack frames, SQL as Kysely compiles it (quoted identifiers) and database error wording.
 */
const LEAK = /node_modules|\.[jt]s:\d+|(?:\\n|\n)\s+at |\bat (?:async )?[\w.<>]+ \(|\b(?:select|insert into|update|delete from)\b[^"\\]*\\?"[a-z_]+\\?"|SQLITE_|SqliteError|SQLSTATE|syntax error at or near|violates (?:unique|foreign key|not-null)|duplicate key value|invalid byte sequence/i;

/** A value inside nested JSON objects, or undefined. */
export function dig(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const k of keys) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/**
 * Checks every reply against the OpenAPI document: a success body against its route's response
 * schema, every error against the one error shape; JSON always, never a stack trace or SQL.
 */
export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly doc: Record<string, unknown>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly error: ValidateFunction;
  /** Replies checked so far. */
  checked = 0;
  /** Per route (`METHOD /path/:id`): the statuses it answered. */
  readonly statuses = new Map<string, Set<number>>();

  constructor(private readonly router: Router) {
    this.doc = openApiDocument(router.routes);
    this.error = this.ajv.compile(dig(this.doc, 'components', 'schemas', 'Error') as object);
  }

  check(method: string, url: string, reply: Omit<Reply, 'as' | 'code'>): void {
    this.checked++;
    const path = new URL(url, 'http://x').pathname;
    const where = `${method} ${url} → ${reply.status}`;
    if (reply.json === undefined) throw new Error(`${where}: not JSON: ${reply.text.slice(0, 200)}`);
    if (LEAK.test(reply.text) && !path.endsWith('/explain') && path !== '/api/openapi.json') {
      throw new Error(`${where}: looks like a stack trace or SQL: ${reply.text.slice(0, 300)}`);
    }
    const matched = this.router.routes.find((r) => r.method === method && r.pattern.test(path));
    if (matched) this.statuses.set(`${matched.method} ${matched.path}`, (this.statuses.get(`${matched.method} ${matched.path}`) ?? new Set()).add(reply.status));
    if (reply.status >= 400) {
      if (!this.error(reply.json)) throw new Error(`${where}: not the error shape: ${this.ajv.errorsText(this.error.errors)} in ${reply.text.slice(0, 300)}`);
      if (reply.status >= 500 && !(reply.status === 503 && path === '/readyz')) throw new Error(`${where}: server error ${reply.text.slice(0, 300)}`);
      return;
    }
    const route = matched;
    if (!route) throw new Error(`${where}: success on a path with no route`);
    const key = `${route.method} ${route.path} ${reply.status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      const openPath = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
      const schema = dig(this.doc, 'paths', openPath, method.toLowerCase(), 'responses', String(reply.status), 'content', 'application/json', 'schema');
      if (schema === undefined) throw new Error(`${where}: status ${reply.status} is not documented for ${route.method} ${route.path}`);
      validate = this.ajv.compile(schema as object);
      this.validators.set(key, validate);
    }
    if (!validate(reply.json)) throw new Error(`${where}: does not match the documented response: ${this.ajv.errorsText(validate.errors)}`);
  }
}

export class Client {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(
    private readonly app: Hono,
    private readonly contract?: Contract,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookie !== undefined) headers.cookie = this.cookie;
    if ((options.csrf ?? true) && this.csrf !== undefined && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
    const code = (json as { error?: { code?: string } } | undefined)?.error?.code;
    this.contract?.check(method, path, { status: res.status, headers: res.headers, text, json });
    return { status: res.status, headers: res.headers, text, json, as: <T>() => json as T, code };
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, options);
  }

  post(path: string, json?: unknown, options: RequestOptions = {}) {
    return this.request('POST', path, { ...options, ...(json === undefined ? {} : { json }) });
  }

  /** Signs in; returns the reply. */
  async login(username: string, password: string): Promise<Reply> {
    const r = await this.post('/api/auth/login', { username, password });
    const setCookie = r.headers.get('set-cookie');
    if (r.status === 200 && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrf = r.as<{ csrf_token: string }>().csrf_token;
    }
    return r;
  }
}

export class MutableClock {
  constructor(public ms: number) {}
  readonly now = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface World {
  readonly dialect: Dialect;
  readonly store: TestDb;
  readonly app: Hono;
  readonly router: Router;
  readonly contract: Contract;
  readonly clock: MutableClock;
  readonly people: readonly Row[];
  /** sem-001's reports, transitively, from people.csv. */
  readonly managerReports: ReadonlySet<string>;
  readonly userIds: Readonly<Record<keyof typeof ACCOUNTS, number>>;
  readonly runs: { readonly published: RunSummary; readonly approved: RunSummary; readonly draft: RunSummary };
  readonly clients: Readonly<Record<Who, Client>>;
  /** Statement ids per person in the published run. */
  readonly publishedStatements: ReadonlyMap<string, number[]>;
  /** A new client (not signed in). */
  client(): Client;
  /** A new client signed in as `who`. */
  signIn(who: keyof typeof ACCOUNTS): Promise<Client>;
  close(): Promise<void>;
}

/** Everyone who reports to `id` through people.csv manager_id, transitively. */
export function reportsFrom(people: readonly Row[], id: string): Set<string> {
  const out = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const m = queue.pop() as string;
    for (const p of people) {
      const pid = field(p, 'id');
      if (field(p, 'manager_id') === m && !out.has(pid) && pid !== id) {
        out.add(pid);
        queue.push(pid);
      }
    }
  }
  return out;
}

/** The demo org's files (standard size, seed 42, fiscal year 2026). */
export function demoFiles(): Map<string, string> {
  return serialiseOrg(generateDemoOrg({ seed: 42, size: 'standard', fiscalYear: 2026 }));
}

export async function buildWorld(dialect: Dialect, options: { logger?: pino.Logger } = {}): Promise<World> {
  const store = await freshDatabase(dialect);
  const clock = new MutableClock(Date.UTC(2026, 11, 15, 9, 0, 0));
  const files = demoFiles();
  await importFiles(store, files, { actorId: null, note: 'demo org, seed 42', clock: clock.now, where: 'demo' });
  const people = parseCsv(files.get('people.csv') ?? '');
  const userIds = {} as Record<keyof typeof ACCOUNTS, number>;
  for (const [name, a] of Object.entries(ACCOUNTS) as [keyof typeof ACCOUNTS, (typeof ACCOUNTS)[keyof typeof ACCOUNTS]][]) {
    userIds[name] = (await createUser(store, { username: name, password: PASSWORD, role: a.role, personId: a.personId }, { actorId: null, clock: clock.now })).id;
  }
  const admin = { actorId: userIds.admin, clock: clock.now };
  const q2 = (await createRun(store, '2026-Q2', admin)).run;
  await approveRun(store, q2.id, admin);
  const published = await publishRun(store, q2.id, admin);
  const q3 = (await createRun(store, '2026-Q3', admin)).run;
  const approved = await approveRun(store, q3.id, admin);
  const draft = (await createRun(store, '2026-Q4', admin)).run;

  const logger = options.logger ?? pino({ level: 'silent' });
  const { app, router } = createAppWithRouter({ store, clock: clock.now, logger });
  const contract = new Contract(router);
  const signIn = async (who: keyof typeof ACCOUNTS) => {
    const c = new Client(app, contract);
    const r = await c.login(who, PASSWORD);
    if (r.status !== 200) throw new Error(`sign-in as ${who} failed: ${r.status} ${r.text}`);
    return c;
  };
  const clients = { anonymous: new Client(app, contract) } as Record<Who, Client>;
  for (const who of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) clients[who] = await signIn(who);

  const rows = await store.db.selectFrom('run_statements').select(['id', 'person_id']).where('run_id', '=', published.id).orderBy('id').execute();
  const publishedStatements = new Map<string, number[]>();
  for (const r of rows) publishedStatements.set(r.person_id, [...(publishedStatements.get(r.person_id) ?? []), r.id]);

  return {
    dialect,
    store,
    app,
    router,
    contract,
    clock,
    people,
    managerReports: reportsFrom(people, 'sem-001'),
    userIds,
    runs: { published, approved, draft },
    clients,
    publishedStatements,
    client: () => new Client(app, contract),
    signIn,
    close: () => store.dispose(),
  };
}

/** Statement ids of `personId` in run `runId`. */
export async function statementIds(world: World, runId: number, personId: string): Promise<number[]> {
  const rows = await world.store.db.selectFrom('run_statements').select('id').where('run_id', '=', runId).where('person_id', '=', personId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

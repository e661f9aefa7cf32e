/**
 * The access policy: the one module that decides who may do what. Deny by default — an action a
 * role is not listed for is refused, and a resource outside a subject's scope is invisible.
 *
 * Two questions, asked in this order by every route:
 * 1. `allows(role, action)`: may this role use the route at all? (No → 403.)
 * 2. `authorize(subject, action, target)`: may this subject touch this person's data, this
 *    statement, this inquiry? (No → 404: what you may not see does not exist for you.)
 *
 * Scopes: admins and leaders see everyone (leaders never see `attr_*`); a manager sees their
 * reports, transitively through people.manager_id on the current org version, and themselves; any
 * account linked to a person sees that person. Statements of runs that are not published are seen
 * by admins only.
 */

export type Role = 'admin' | 'leader' | 'manager' | 'member';

export const ROLES: readonly Role[] = ['admin', 'leader', 'manager', 'member'];

/** Every action a route can need. */
export type Action =
  /** Any signed-in account (its own session, logout, the org's name). */
  | 'session'
  | 'users.manage'
  | 'org.versions'
  | 'org.import'
  | 'people.read'
  | 'runs.read'
  | 'runs.manage'
  | 'statements.read'
  | 'calc.preview'
  | 'whatif'
  | 'plans.read'
  | 'plans.analyse'
  | 'ladder.lint'
  | 'career.read'
  | 'people.report'
  /** A manager's view of their team (GET /api/team). */
  | 'team.read'
  | 'inquiries.open'
  | 'inquiries.read'
  | 'inquiries.message'
  | 'inquiries.resolve'
  | 'audit.read';

const ALL: readonly Role[] = ROLES;
const ADMIN: readonly Role[] = ['admin'];

/** Which roles may use an action at all. The resource checks below narrow it further. */
export const ACTION_ROLES: Readonly<Record<Action, readonly Role[]>> = {
  session: ALL,
  'users.manage': ADMIN,
  'org.versions': ['admin', 'leader'],
  'org.import': ADMIN,
  'people.read': ALL,
  // Non-admins see published runs only, without totals (see `runView`).
  'runs.read': ALL,
  'runs.manage': ADMIN,
  // A leader reads their own statements only (every account linked to a person does).
  'statements.read': ALL,
  'calc.preview': ['admin', 'manager', 'member'],
  whatif: ['admin', 'manager', 'member'],
  // Leaders and admins: every plan; others the plans of the people whose pay they may see.
  'plans.read': ALL,
  'plans.analyse': ['admin', 'leader'],
  'ladder.lint': ['admin', 'leader'],
  'career.read': ALL,
  'people.report': ['admin', 'leader'],
  // Managers: their reports; leaders and admins: anyone's team (what each sees of it still follows the scopes).
  'team.read': ['admin', 'leader', 'manager'],
  'inquiries.open': ['manager', 'member', 'leader'],
  'inquiries.read': ALL,
  'inquiries.message': ALL,
  'inquiries.resolve': ADMIN,
  'audit.read': ADMIN,
};

/** Who is asking: the signed-in account, and for managers the people they manage. */
export interface Subject {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  /** The people.csv id the account is, or null. */
  readonly personId: string | null;
  /**
   * The people a manager manages (transitively) on the current org version, themselves included.
   * Undefined for other roles (they never need it).
   */
  readonly reports?: ReadonlySet<string>;
}

/** What a resource check is about. */
export type Target =
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'statement'; readonly personId: string; readonly runStatus: string }
  | { readonly kind: 'inquiry'; readonly personId: string; readonly openedBy: number };

export function allows(role: Role, action: Action): boolean {
  return ACTION_ROLES[action].includes(role);
}

/** True when `subject` needs its manager scope loaded to decide `action`. */
export function needsReports(subject: Pick<Subject, 'role'>, action: Action): boolean {
  return subject.role === 'manager' && (action === 'people.read' || action === 'statements.read' || action === 'calc.preview' || action === 'whatif' || action === 'career.read' || action === 'plans.read' || action === 'team.read');
}

function isSelf(subject: Subject, personId: string): boolean {
  return subject.personId !== null && subject.personId === personId;
}

function inReports(subject: Subject, personId: string): boolean {
  return subject.role === 'manager' && (subject.reports?.has(personId) ?? false);
}

/** The people whose data `subject` may see for `action`: everyone, or a set. */
export function personScope(subject: Subject, action: Action): 'all' | ReadonlySet<string> {
  if (!allows(subject.role, action)) return new Set();
  const self = subject.personId === null ? new Set<string>() : new Set([subject.personId]);
  switch (action) {
    case 'people.read':
    case 'career.read':
    case 'team.read':
      if (subject.role === 'admin' || subject.role === 'leader') return 'all';
      return subject.role === 'manager' ? new Set([...self, ...(subject.reports ?? [])]) : self;
    case 'plans.read':
      if (subject.role === 'admin' || subject.role === 'leader') return 'all';
      return subject.role === 'manager' ? new Set([...self, ...(subject.reports ?? [])]) : self;
    case 'statements.read':
    case 'calc.preview':
    case 'whatif':
      if (subject.role === 'admin') return 'all';
      return subject.role === 'manager' ? new Set([...self, ...(subject.reports ?? [])]) : self;
    default:
      return subject.role === 'admin' ? 'all' : self;
  }
}

/** Which runs' statements `subject` may see: every run, or published ones only. */
export function runScope(subject: Subject): 'all' | 'published' {
  return subject.role === 'admin' ? 'all' : 'published';
}

/** The resource check. False means: this does not exist for the subject (404). */
export function authorize(subject: Subject, action: Action, target: Target): boolean {
  if (!allows(subject.role, action)) return false;
  switch (target.kind) {
    case 'person': {
      const scope = personScope(subject, action);
      return scope === 'all' || scope.has(target.personId);
    }
    case 'statement': {
      if (action !== 'statements.read' && action !== 'inquiries.open') return false;
      if (subject.role === 'admin' && action === 'statements.read') return true;
      if (target.runStatus !== 'published') return false;
      // Inquiries are opened by the person the statement pays, nobody else.
      if (action === 'inquiries.open') return isSelf(subject, target.personId);
      return isSelf(subject, target.personId) || inReports(subject, target.personId);
    }
    case 'inquiry': {
      if (action !== 'inquiries.read' && action !== 'inquiries.message' && action !== 'inquiries.resolve') return false;
      if (subject.role === 'admin') return true;
      if (action === 'inquiries.resolve') return false;
      return target.openedBy === subject.userId || isSelf(subject, target.personId);
    }
  }
}

/** Only admins see people's `attr_*` columns (and the pay-equity analysis built on them). */
export function mayReadAttrs(subject: Pick<Subject, 'role'>): boolean {
  return subject.role === 'admin';
}

/** Only admins see run totals, drafts and approved-but-unpublished runs. */
export function mayReadRunTotals(subject: Pick<Subject, 'role'>): boolean {
  return subject.role === 'admin';
}

/** Inquiry messages from admins answer; the owner's reopen. */
export function answersInquiry(subject: Pick<Subject, 'role'>): boolean {
  return subject.role === 'admin';
}

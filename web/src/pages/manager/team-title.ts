import type { SessionUser } from '../../session';

/** "My team", or "Everyone" for an account linked to no person (GET /api/team gives it the whole org). */
export function teamTitle(user: Pick<SessionUser, 'person_id'>): string {
  return user.person_id === null ? 'Everyone' : 'My team';
}

/**
 * The pages, by area. Each area lists its own routes (pages/<area>/routes.ts) and loads its pages
 * lazily, so a member's first download holds none of the leader or admin pages.
 */
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role, SessionUser } from './session';
import { adminRoutes } from './pages/admin/routes';
import { leaderRoutes } from './pages/leader/routes';
import { managerRoutes } from './pages/manager/routes';
import { memberRoutes } from './pages/member/routes';
import { pathRoutes } from './pages/path/routes';

export interface AppRoute {
  /** wouter path pattern: "/pay/:id". */
  readonly path: string;
  readonly component: LazyExoticComponent<ComponentType>;
  /** Who may open it: roles, and `person` for any account linked to a person (their own pay and path). */
  readonly access: readonly (Role | 'person')[];
  /** In the navigation, with this label, or the label for the user (absent: reached from other pages). */
  readonly nav?: string | ((user: SessionUser) => string);
  /** Navigation group heading. */
  readonly group?: string;
}

export const ROUTES: readonly AppRoute[] = [...memberRoutes, ...pathRoutes, ...managerRoutes, ...leaderRoutes, ...adminRoutes];

/** The route's navigation label for `user` (undefined: not in the navigation). */
export function navLabel(route: AppRoute, user: SessionUser): string | undefined {
  return typeof route.nav === 'function' ? route.nav(user) : route.nav;
}

export function mayOpen(route: AppRoute, user: SessionUser): boolean {
  return route.access.includes(user.role) || (route.access.includes('person') && user.person_id !== null);
}

/** Where a user lands after signing in. */
export function homeFor(user: SessionUser): string {
  switch (user.role) {
    case 'admin':
      return '/admin/runs';
    case 'leader':
      return '/plans';
    case 'manager':
      return '/team';
    default:
      return '/pay';
  }
}

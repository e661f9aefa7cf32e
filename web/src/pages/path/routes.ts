import { lazy } from 'react';
import type { AppRoute } from '../../routes';

/**
 * The person's own path (every account linked to a person): their level and the next ones, their
 * evidence and readiness gaps, path conversations and, when the org shares bands, their band position.
 */
export const pathRoutes: readonly AppRoute[] = [
  { path: '/path', component: lazy(() => import('./MyPath')), access: ['person'], nav: 'My path', group: 'Me' },
  { path: '/path/levels/:id', component: lazy(() => import('./MyLevel')), access: ['person'] },
];

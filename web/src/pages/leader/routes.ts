import { lazy } from 'react';
import type { AppRoute } from '../../routes';

/**
 * The leader's design pages (leaders and admins): plans with their payout curves and diagnostics,
 * simulation and comparison, the career ladder and its lint, the people report. Each loads
 * lazily, in its own chunk, so nobody downloads them before opening one.
 */
const DESIGN: AppRoute['access'] = ['leader', 'admin'];

export const leaderRoutes: readonly AppRoute[] = [
  { path: '/plans', component: lazy(() => import('./Plans')), access: DESIGN, nav: 'Plans', group: 'Design' },
  { path: '/plans/:id', component: lazy(() => import('./PlanPage')), access: DESIGN },
  { path: '/simulate', component: lazy(() => import('./Simulate')), access: DESIGN, nav: 'Simulate', group: 'Design' },
  { path: '/compare', component: lazy(() => import('./Compare')), access: DESIGN, nav: 'Compare', group: 'Design' },
  { path: '/ladder', component: lazy(() => import('./Ladder')), access: DESIGN, nav: 'Ladder', group: 'Design' },
  { path: '/ladder/levels/:id', component: lazy(() => import('./LevelPage')), access: DESIGN },
  { path: '/people-report', component: lazy(() => import('./PeopleReport')), access: DESIGN, nav: 'People report', group: 'Design' },
];

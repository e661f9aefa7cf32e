import { lazy } from 'react';
import type { AppRoute } from '../../routes';
import { teamTitle } from './team-title';

/**
 * The manager's pages: their team at a glance (their home), and each report's path and pay as the
 * report sees them. Leaders see their org here too; admins (linked to no person) see everyone.
 */
const REPORTS: AppRoute['access'] = ['manager', 'leader', 'admin'];

export const managerRoutes: readonly AppRoute[] = [
  // An account linked to no person (an admin) sees everyone employed in the org here.
  { path: '/team', component: lazy(() => import('./Team')), access: REPORTS, nav: teamTitle, group: 'Team' },
  { path: '/team/:personId', component: lazy(() => import('./ReportPath')), access: REPORTS },
  { path: '/team/:personId/levels/:id', component: lazy(() => import('./ReportLevel')), access: REPORTS },
  { path: '/team/:personId/pay', component: lazy(() => import('./ReportPay')), access: REPORTS },
  { path: '/team/:personId/statements/:id', component: lazy(() => import('./ReportStatement')), access: REPORTS },
];

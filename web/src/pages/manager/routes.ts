import { lazy } from 'react';
import type { AppRoute } from '../../routes';

/**
 * The manager's pages: their team at a glance (their home), and each report's path and pay as the
 * report sees them. Leaders see their org here too; admins may open anyone's pages by URL.
 */
const REPORTS: AppRoute['access'] = ['manager', 'leader', 'admin'];

export const managerRoutes: readonly AppRoute[] = [
  { path: '/team', component: lazy(() => import('./Team')), access: ['manager', 'leader'], nav: 'My team', group: 'Team' },
  { path: '/team/:personId', component: lazy(() => import('./ReportPath')), access: REPORTS },
  { path: '/team/:personId/levels/:id', component: lazy(() => import('./ReportLevel')), access: REPORTS },
  { path: '/team/:personId/pay', component: lazy(() => import('./ReportPay')), access: REPORTS },
  { path: '/team/:personId/statements/:id', component: lazy(() => import('./ReportStatement')), access: REPORTS },
];

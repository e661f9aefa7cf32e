import { lazy } from 'react';
import type { AppRoute } from '../../routes';

/** The admin's pages: runs (their home), imports, the inquiry queue, accounts, the audit log. */
export const adminRoutes: readonly AppRoute[] = [
  { path: '/admin/runs', component: lazy(() => import('./Runs')), access: ['admin'], nav: 'Runs', group: 'Admin' },
  { path: '/admin/runs/:id', component: lazy(() => import('./RunReview')), access: ['admin'] },
  { path: '/admin/import', component: lazy(() => import('./Import')), access: ['admin'], nav: 'Import', group: 'Admin' },
  { path: '/admin/inquiries', component: lazy(() => import('./Inquiries')), access: ['admin'], nav: 'Inquiries', group: 'Admin' },
  { path: '/admin/inquiries/:id', component: lazy(() => import('./InquiryThread')), access: ['admin'] },
  { path: '/admin/users', component: lazy(() => import('./Users')), access: ['admin'], nav: 'Users', group: 'Admin' },
  { path: '/admin/audit', component: lazy(() => import('./Audit')), access: ['admin'], nav: 'Audit log', group: 'Admin' },
];

import { lazy } from 'react';
import type { AppRoute } from '../../routes';
import { prefetchPay } from './prefetch';

/**
 * The person's own pages: their pay (every account linked to a person — members, managers and
 * leaders see their own statements here), what-if (roles the API lets ask it) and their inquiries.
 */
export const memberRoutes: readonly AppRoute[] = [
  {
    path: '/pay',
    component: lazy(() => {
      prefetchPay();
      return import('./MyPay');
    }),
    access: ['person'],
    nav: 'My pay',
    group: 'Me',
  },
  {
    path: '/pay/statements/:id',
    component: lazy(() => {
      prefetchPay();
      return import('./StatementPage');
    }),
    access: ['person'],
  },
  { path: '/whatif', component: lazy(() => import('./WhatIf')), access: ['member', 'manager'], nav: 'What-if', group: 'Me' },
  { path: '/inquiries', component: lazy(() => import('./Inquiries')), access: ['person'], nav: 'Inquiries', group: 'Me' },
  { path: '/inquiries/:id', component: lazy(() => import('./InquiryThread')), access: ['person'] },
];

import { lazy } from 'react';
import type { AppRoute } from '../../routes';

export const memberRoutes: readonly AppRoute[] = [
  { path: '/pay', component: lazy(() => import('./MyPay')), access: ['person'], nav: 'My pay', group: 'Me' },
];

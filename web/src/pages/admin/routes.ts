import type { AppRoute } from '../../routes';

export const adminRoutes: readonly AppRoute[] = [];

import type { AppRoute } from '../../routes';

export const managerRoutes: readonly AppRoute[] = [];

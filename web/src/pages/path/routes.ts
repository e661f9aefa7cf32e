import type { AppRoute } from '../../routes';

export const pathRoutes: readonly AppRoute[] = [];

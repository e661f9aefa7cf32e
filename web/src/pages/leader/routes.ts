import type { AppRoute } from '../../routes';

export const leaderRoutes: readonly AppRoute[] = [];

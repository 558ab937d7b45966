export { pagesRoutes } from './routes.ts';
export { type ChallengeCard } from './service.ts';

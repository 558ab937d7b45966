export { challengeQuestionsSection } from './challenge-section.ts';
export { questionRoutes } from './routes.ts';

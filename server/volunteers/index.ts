export { volunteerRoutes } from './routes.ts';

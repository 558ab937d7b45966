// The site's own pages: home, about, privacy.
export { pagesRoutes } from './routes.ts';

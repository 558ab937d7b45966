// What needs a volunteer's or an organization's attention: /mi-trabajo and /nuestros-retos.
export { dashboardRoutes } from './routes.ts';

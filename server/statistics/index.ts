// Statistics: /estadisticas (map of Mexico, funnel, goals, money by office, medians) and each
// organization's own impact on its page, every figure an SQL aggregate.
export { statisticsRoutes } from './routes.ts';
export { statistics, type Statistics, type StatisticsFilters } from './service.ts';
export { impactOnOrganizationPage } from './organization-section.ts';

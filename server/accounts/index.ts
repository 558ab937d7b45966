export { canManageAccount } from './permissions.ts';
export { accountRoutes } from './routes.ts';

export { dashboardRoutes } from './routes.ts';
export { isPublicProposal, solutionStatuses, teamProposalsOf } from './team-proposals.ts';

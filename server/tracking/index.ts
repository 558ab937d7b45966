// Tracking: an accepted proposal's progress, its delivery, the organizations that adopt the
// solution and the endorsements of the people who had the problem.
export { recordAdoption } from './adoptions.ts';
export { endorsementsOnChallengePage } from './challenge-section.ts';
export { endorseProposal } from './endorsements.ts';
export { addProgressUpdate } from './progress.ts';
export { trackingOnProposalPage } from './proposal-section.ts';
export { trackingRoutes } from './routes.ts';

// Reviews: the posting organization accepts or declines proposals, scores them on the
// challenge's weighted criteria, ranks them and exports the scores.
export { reviewOnProposalPage } from './proposal-section.ts';
export { reviewRoutes } from './routes.ts';
export { saveScores } from './scores.ts';

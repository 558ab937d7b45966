// Challenges: public problems posted by organizations, browsed at /retos, each with a page that
// other features add sections to, and a lifecycle from draft to solved.
export { cardColumns, latestChallengeCards, toChallengeCard, type ChallengeCard } from './cards.ts';
export { challengeRoutes } from './feature-routes.ts';
export { challengesOnOrganizationPage } from './organization-section.ts';
export type { ChallengePageSection, ChallengePageViewer } from './page-sections.ts';
export { challengeInPath } from './routes.ts';
export { challengeForViewer } from './service.ts';
export { closeChallengesPastDeadline } from './deadline-closing.ts';
export { followProposal, holdChallenge, whenChallengeEnds } from './status-change.ts';
export { activeCriteria } from './criteria.ts';
export { browseChallenges, type BrowseCard } from './browse-service.ts';
export { decodeCursor, type BrowseSort } from './browse-cursor.ts';
export type { BrowseFilters } from './browse-query.ts';

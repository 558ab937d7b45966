export { decodeCursor, encodeCursor, type CursorPosition } from './browse-cursor.ts';
export { browseUrl, parseBrowseQuery } from './browse-query.ts';
export { browseRoutes } from './browse-routes.ts';
export { expandableWords, wordForms } from './browse-search.ts';
export { dayInMexico } from './browse-service.ts';
export { skillKey } from './browse-skills.ts';
export {
  availableTransitions,
  canTransition,
  challengeTransitions,
  type ChallengeTransition,
} from './lifecycle.ts';
export { challengeRoutes } from './routes.ts';
export { challengeForViewer } from './service.ts';

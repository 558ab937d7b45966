// Claims: a volunteer says "I am working on this"; the claim lapses without progress.
export { touchClaimsForProposal } from './activity.ts';
export { endClaimsOfChallenge } from './challenge-ended.ts';
export { claimsOnChallengePage } from './challenge-section.ts';
export { warnExpiringClaims } from './expiry-warning.ts';
export { claimDeadline, releaseExpiredClaims, type ExpiryDeps } from './expiry.ts';
export { claimRoutes } from './routes.ts';
export { activeClaimsOfVolunteer, claimChallenge, releaseOwnClaim } from './service.ts';

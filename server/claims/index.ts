export { challengeClaimsSection } from './challenge-section.ts';
export { warnExpiringClaims, warningDays } from './expiry-warning.ts';
export {
  claimDeadline,
  claimExpiryCutoff,
  releaseExpiredClaims,
  touchClaim,
  touchClaimsForProposal,
  type ExpiryDeps,
} from './expiry.ts';
export {
  canReleaseClaimAsOrganization,
  canReleaseOwnClaim,
  claimRefusal,
  isClaimable,
  showsClaims,
} from './permissions.ts';
export { claimRoutes } from './routes.ts';
export { activeClaimsOfVolunteer, type Claim } from './service.ts';

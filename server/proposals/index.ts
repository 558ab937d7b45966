export { challengeProposalsSection } from './challenge-section.ts';
export {
  inviteForm,
  proposalForm,
  proposalFormValues,
  submissionErrors,
  technologyList,
} from './forms.ts';
export { isOsiApproved } from './osi-licences.ts';
export { challengeEndorsementsSection, proposalTrackingSections } from './page-sections.ts';
export {
  canAnswerInvitation,
  canCheckRepository,
  canEditProposal,
  canManageTeam,
  canProposeFor,
  canRemoveFromTeam,
  canSubmitProposal,
  canViewProposal,
  canWithdrawProposal,
  isPublicProposal,
  proposalRelation,
  strangerRelation,
  type ProposalRelation,
} from './permissions.ts';
export {
  canonicalRepositoryUrl,
  checkRepository,
  describeRepositoryCheck,
  parseRepositoryUrl,
  repositoryApiUrl,
} from './repository-check.ts';
export { reviewRoutes } from './review-routes.ts';
export { proposalRoutes } from './routes.ts';
export { formatScore, rankProposals, scoringCriteria, type ScoreEntry } from './scoring.ts';
export { loadProposal, trackingRoutes } from './tracking-routes.ts';

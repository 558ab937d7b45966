// Proposals: a volunteer's open-source answer to a challenge, written by a team, and the one
// lifecycle every status change goes through. Reviews and tracking build on this module.
export { proposalsOnChallengePage } from './challenge-section.ts';
export { transitionRefusal } from './lifecycle.ts';
export { aboutProposal } from './notify.ts';
export {
  formState,
  proposalPage,
  type PageForm,
  type ProposalPage,
  type ProposalPageSection,
} from './page.ts';
export { proposalInPath, proposalRoutes } from './routes.ts';
export { applyProposalTransition, changeProposalStatus, lockProposal } from './status-change.ts';
export { submissionRoutes } from './submission-routes.ts';
export {
  pendingTeamInvitations,
  proposalStatusOrder,
  proposalsOnTeam,
  solutionStatuses,
  teamMemberIds,
  teamProposalsOf,
  type TeamProposal,
} from './team-queries.ts';
export { teamRoutes } from './team-routes.ts';
export {
  findProposalTarget,
  lifecycleActor,
  proposalViewer,
  type LoadedProposal,
  type ProposalTarget,
  type ProposalViewer,
} from './viewer.ts';
export { isPublicProposal, publicProposalCondition } from './visibility.ts';

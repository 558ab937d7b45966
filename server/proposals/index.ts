// Proposals: a volunteer's open-source answer to a challenge, drafted by a team, and the one
// lifecycle every status change goes through. Teams, reviews and tracking build on it.
export { proposalsOnChallengePage } from './challenge-section.ts';
export { transitionRefusal } from './lifecycle.ts';
export { lockForChange, lockProposal } from './locked.ts';
export { aboutProposal } from './notify.ts';
export {
  formState,
  proposalPage,
  type PageForm,
  type ProposalPage,
  type ProposalPageSection,
} from './page.ts';
export { editableStatuses, isEditableStatus } from './permissions.ts';
export { proposalInPath, proposalRoutes } from './routes.ts';
export { applyProposalTransition, changeProposalStatus } from './status-change.ts';
export { createProposal } from './drafting.ts';
export { submissionRoutes } from './submission-routes.ts';
export { submitProposal, type RepositoryChecker } from './submission.ts';
export { teamMemberIds } from './team-members.ts';
export {
  findProposalTarget,
  lifecycleActor,
  proposalViewer,
  type LoadedProposal,
  type ProposalTarget,
  type ProposalViewer,
} from './viewer.ts';
export { isPublicProposal, publicProposalCondition } from './visibility.ts';

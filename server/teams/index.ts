// A proposal's team: the lead invites volunteers by GitHub login, they answer, members leave;
// and the proposals a person is on the team of, for their dashboard and public profile.
export { teamOnProposalPage } from './proposal-section.ts';
export {
  pendingTeamInvitationCount,
  pendingTeamInvitations,
  proposalStatusOrder,
  proposalsOnTeam,
  solutionStatuses,
  teamProposalCounts,
  teamProposalsOf,
  type TeamProposal,
} from './queries.ts';
export { teamRoutes } from './routes.ts';
export { answerInvitation, inviteToTeam } from './service.ts';

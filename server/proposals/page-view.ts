import type { Proposal } from '../../models/schema/index.ts';
import type { Translate } from '../i18n/index.ts';
import { personView } from '../people/index.ts';
import { submissionErrors } from './forms.ts';
import {
  canAnswerInvitation,
  canCheckRepository,
  canEditProposal,
  canManageTeam,
  canRemoveFromTeam,
  canSubmitProposal,
  canWithdrawProposal,
} from './permissions.ts';
import { isRepositoryProblem, parseRepositoryUrl } from './repository-check.ts';
import type { TeamMember } from './team-queries.ts';
import type { LoadedProposal } from './viewer.ts';

// What the proposal page shows, shaped for views/proposals/show.hbs: ready booleans, no rules.

/** The stored check as the proposal page explains it: what was found, what is wrong, the fix. */
export function describeRepositoryCheck(
  proposal: Pick<
    Proposal,
    | 'repositoryUrl'
    | 'repositoryCheck'
    | 'repositoryCheckedAt'
    | 'repositoryLicense'
    | 'repositoryProblem'
  >,
  t: Translate,
) {
  const parsed = proposal.repositoryUrl ? parseRepositoryUrl(proposal.repositoryUrl) : undefined;
  const repository = parsed ? `${parsed.owner}/${parsed.name}` : (proposal.repositoryUrl ?? '');
  const state = proposal.repositoryCheck;
  const license = proposal.repositoryLicense ?? '';
  const problem = isRepositoryProblem(proposal.repositoryProblem)
    ? proposal.repositoryProblem
    : undefined;
  const params = { repository, license };
  return {
    state,
    label: t(`proposals.check.state.${state}`),
    verified: state === 'verified',
    failed: state === 'failed',
    pending: state === 'unreachable',
    summary: state === 'verified' ? t('proposals.check.verified', params) : undefined,
    checkedAt: proposal.repositoryCheckedAt,
    license: proposal.repositoryLicense,
    what: problem ? t(`proposals.check.problem.${problem}.what`, params) : undefined,
    fix: problem ? t(`proposals.check.problem.${problem}.fix`, params) : undefined,
  };
}

/** Where a draft stands on its way to being submitted, for the panel that submits it. */
function submissionView(loaded: LoadedProposal, t: Translate) {
  const { proposal, challenge, viewer } = loaded;
  if (proposal.status !== 'draft' || !canEditProposal(proposal, viewer)) return null;
  return {
    byLead: viewer.isLead,
    missing: Object.values(submissionErrors(proposal)).map((key) => t(key)),
    canSubmit: canSubmitProposal(proposal, viewer, challenge),
  };
}

/** The team as the page lists it: members who joined, then (for the team) pending invitations. */
function teamView(loaded: LoadedProposal, team: TeamMember[]) {
  const { proposal, viewer } = loaded;
  const people = team.map((member) => ({
    userId: member.userId,
    person: personView({ ...member, id: member.userId }),
    githubLogin: member.deletedAt ? null : member.githubLogin,
    invitedAt: member.invitedAt,
    isLead: member.role === 'lead',
    isViewer: member.userId === viewer.userId,
    canRemove: canRemoveFromTeam(proposal, viewer, member.userId),
    joined: Boolean(member.acceptedAt),
  }));
  return {
    members: people.filter((member) => member.joined),
    // Pending invitations are the team's business.
    invitations: viewer.isTeamMember ? people.filter((member) => !member.joined) : [],
  };
}

export function proposalPageView(
  loaded: LoadedProposal,
  team: TeamMember[],
  history: { event: string; createdAt: Date }[],
  t: Translate,
) {
  const { proposal, challenge, organization, viewer } = loaded;
  return {
    proposal,
    challenge,
    organization,
    ...teamView(loaded, team),
    check: describeRepositoryCheck(proposal, t),
    history,
    isDraft: proposal.status === 'draft',
    isWithdrawn: proposal.status === 'withdrawn',
    canEdit: canEditProposal(proposal, viewer),
    submission: submissionView(loaded, t),
    canInvite: canManageTeam(proposal, viewer),
    canAnswer: canAnswerInvitation(proposal, viewer),
    canCheck: canCheckRepository(proposal, viewer),
    canWithdraw: canWithdrawProposal(proposal, viewer),
  };
}

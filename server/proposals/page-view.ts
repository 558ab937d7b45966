import type { Proposal } from '../../models/schema/index.ts';
import type { Translate } from '../i18n/index.ts';
import { submissionErrors } from './forms.ts';
import {
  canCheckRepository,
  canEditProposal,
  canSubmitProposal,
  canWithdrawProposal,
} from './permissions.ts';
import { isRepositoryProblem, parseRepositoryUrl } from '../github/index.ts';
import type { LoadedProposal } from './viewer.ts';
import type { SubjectHistory } from '../audit/index.ts';

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

export function proposalPageView(loaded: LoadedProposal, history: SubjectHistory, t: Translate) {
  const { proposal, challenge, organization, viewer } = loaded;
  return {
    proposal,
    challenge,
    organization,
    check: describeRepositoryCheck(proposal, t),
    history,
    isDraft: proposal.status === 'draft',
    isWithdrawn: proposal.status === 'withdrawn',
    canEdit: canEditProposal(proposal, viewer),
    submission: submissionView(loaded, t),
    canCheck: canCheckRepository(proposal, viewer),
    canWithdraw: canWithdrawProposal(proposal, viewer),
  };
}

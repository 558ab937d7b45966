import { and, eq, inArray } from 'drizzle-orm';
import { proposals, type Proposal, type User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { submissionErrors } from './forms.ts';
import { canCheckRepository, submissionRefusal } from './permissions.ts';
import { checkRepository, type RepositoryCheckResult } from '../github/index.ts';
import { lockForChange } from './locked.ts';
import { changeProposalStatus, checkColumns, checkSnapshot } from './status-change.ts';
import { loadVisibleProposal } from './viewer.ts';

type CheckFor = RepositoryCheckResult & { repositoryUrl: string };

/**
 * Stores the result of a check the team asked for. An unreachable GitHub does not erase a
 * verdict it gave before (verified or failed): undefined is returned and the stored result
 * stands, as it does when the address changed while GitHub was being asked.
 */
async function recordRepositoryCheck(
  db: Db,
  actor: User,
  proposalId: string,
  check: CheckFor,
): Promise<Proposal | undefined> {
  return db.transaction(async (tx) => {
    const target = await lockForChange(tx, proposalId, actor.id);
    const current = target.proposal;
    if (!canCheckRepository(current, target.viewer)) {
      throw new ForbiddenError('proposals.errors.notTeam');
    }
    const [updated] = await tx
      .update(proposals)
      .set(checkColumns(check))
      .where(
        and(
          eq(proposals.id, current.id),
          eq(proposals.repositoryUrl, check.repositoryUrl),
          check.status === 'unreachable'
            ? inArray(proposals.repositoryCheck, ['unchecked', 'unreachable'])
            : undefined,
        ),
      )
      .returning();
    if (!updated) return undefined;
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'proposal.checkRepository',
      subjectType: 'proposal',
      subjectId: current.id,
      organizationId: target.challenge.organizationId,
      before: checkSnapshot(current),
      after: checkSnapshot(updated),
    });
    return updated;
  });
}

/**
 * The team asks GitHub whether the repository is public and open source. Who may ask is settled
 * first, so nobody else makes Retos call GitHub; GitHub is asked outside any transaction.
 */
export async function checkProposalRepository(
  db: Db,
  githubApiUrl: string,
  actor: User,
  proposalId: string,
): Promise<{
  check: RepositoryCheckResult;
  recorded: Proposal | undefined;
  /** Whether this repository address had never been checked before. */
  firstCheck: boolean;
}> {
  const { proposal, viewer } = await loadVisibleProposal(db, proposalId, actor.id);
  if (!canCheckRepository(proposal, viewer)) {
    throw new ForbiddenError(
      viewer.isTeamMember ? 'proposals.errors.noRepository' : 'proposals.errors.notTeam',
    );
  }
  const repositoryUrl = proposal.repositoryUrl!;
  const check = await checkRepository(githubApiUrl, repositoryUrl);
  return {
    check,
    recorded: await recordRepositoryCheck(db, actor, proposalId, { ...check, repositoryUrl }),
    firstCheck: proposal.repositoryCheckedAt === null,
  };
}

export type SubmitOutcome =
  /** What the draft still lacks, as field → translation key. */
  | { outcome: 'incomplete'; missing: Record<string, string> }
  /** The repository is not public and open source; the check is stored. */
  | { outcome: 'repositoryFailed'; proposal: Proposal }
  | { outcome: 'submitted'; proposal: Proposal; verified: boolean };

/** Asks whether a repository is public and open source; GitHub's REST API unless told otherwise. */
export type RepositoryChecker = (repositoryUrl: string) => Promise<RepositoryCheckResult>;

/**
 * The lead submits the draft. GitHub is asked first, outside the transaction; an unreachable
 * GitHub still submits, the check reading "not yet verified".
 */
export async function submitProposal(
  db: Db,
  githubApiUrl: string,
  actor: User,
  proposalId: string,
  // The demo seed answers for the demo repositories before any GitHub is listening.
  askGithub: RepositoryChecker = (url) => checkRepository(githubApiUrl, url),
): Promise<SubmitOutcome> {
  const { proposal, challenge, viewer } = await loadVisibleProposal(db, proposalId, actor.id);
  const refusal = submissionRefusal(proposal, viewer, challenge);
  if (refusal) throw new ForbiddenError(refusal);
  const missing = submissionErrors(proposal);
  if (Object.keys(missing).length > 0) return { outcome: 'incomplete', missing };
  const repositoryUrl = proposal.repositoryUrl!;
  const check = { ...(await askGithub(repositoryUrl)), repositoryUrl };
  if (check.status === 'failed') {
    const recorded = await recordRepositoryCheck(db, actor, proposalId, check);
    return { outcome: 'repositoryFailed', proposal: recorded ?? proposal };
  }
  const submitted = await changeProposalStatus(db, actor, proposalId, 'submit', { check });
  return {
    outcome: 'submitted',
    proposal: submitted.proposal,
    verified: check.status === 'verified',
  };
}

/** The team withdraws the proposal, from any status before delivery. */
export function withdrawProposal(db: Db, actor: User, proposalId: string) {
  return changeProposalStatus(db, actor, proposalId, 'withdraw');
}

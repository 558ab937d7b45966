import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  challenges,
  proposalMembers,
  proposals,
  users,
  type ProposalStatus,
} from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

/** Statuses in the order a proposal lives them; the ended ones last. */
export const proposalStatusOrder: readonly ProposalStatus[] = [
  'draft',
  'submitted',
  'accepted',
  'in_progress',
  'delivered',
  'adopted',
  'declined',
  'withdrawn',
];

/** A team can still be joined while the proposal is being written or worked on. */
const joinableStatuses: ProposalStatus[] = ['draft', 'submitted', 'accepted', 'in_progress'];

export const solutionStatuses: readonly ProposalStatus[] = ['delivered', 'adopted'];

/**
 * The proposals someone is on the team of: as lead (the proposal's lead, or a `lead` member row)
 * or as a member who accepted the invitation. Newest activity first.
 */
export async function teamProposalsOf(db: Db, userId: string) {
  const rows = await db
    .select({
      id: proposals.id,
      title: proposals.title,
      summary: proposals.summary,
      status: proposals.status,
      repositoryUrl: proposals.repositoryUrl,
      submittedAt: proposals.submittedAt,
      deliveredAt: proposals.deliveredAt,
      updatedAt: proposals.updatedAt,
      leadId: proposals.leadId,
      memberRole: proposalMembers.role,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      challengeStatus: challenges.status,
    })
    .from(proposals)
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .leftJoin(
      proposalMembers,
      and(eq(proposalMembers.proposalId, proposals.id), eq(proposalMembers.userId, userId)),
    )
    .where(
      or(
        eq(proposals.leadId, userId),
        and(
          isNotNull(proposalMembers.userId),
          or(isNotNull(proposalMembers.acceptedAt), eq(proposalMembers.role, 'lead')),
        ),
      ),
    )
    .orderBy(desc(proposals.updatedAt), desc(proposals.id));
  return rows.map(({ memberRole, ...row }) => ({
    ...row,
    isLead: row.leadId === userId || memberRole === 'lead',
  }));
}

export type TeamProposal = Awaited<ReturnType<typeof teamProposalsOf>>[number];

/** What the public may see of someone's work: nothing still in draft, nowhere still in draft. */
export function isPublicProposal(proposal: Pick<TeamProposal, 'status' | 'challengeStatus'>) {
  return proposal.status !== 'draft' && proposal.challengeStatus !== 'draft';
}

const leads = alias(users, 'leads');

/** Invitations to join a team that the person has not accepted yet, oldest first. */
export async function pendingTeamInvitations(db: Db, userId: string) {
  return db
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      status: proposals.status,
      invitedAt: proposalMembers.invitedAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      lead: {
        name: leads.name,
        githubName: leads.githubName,
        githubLogin: leads.githubLogin,
        deletedAt: leads.deletedAt,
      },
    })
    .from(proposalMembers)
    .innerJoin(proposals, eq(proposals.id, proposalMembers.proposalId))
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .leftJoin(leads, eq(leads.id, proposals.leadId))
    .where(
      and(
        eq(proposalMembers.userId, userId),
        eq(proposalMembers.role, 'member'),
        isNull(proposalMembers.acceptedAt),
        or(isNull(proposals.leadId), ne(proposals.leadId, userId)),
        inArray(proposals.status, joinableStatuses),
      ),
    )
    .orderBy(asc(proposalMembers.invitedAt));
}

import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  challenges,
  proposalMembers,
  proposals,
  users,
  type Proposal,
  type ProposalStatus,
} from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { editableStatuses } from '../proposals/index.ts';

type Reader = Pick<Db, 'select'>;

const person = {
  userId: users.id,
  name: users.name,
  githubName: users.githubName,
  githubLogin: users.githubLogin,
  avatarUrl: users.avatarUrl,
  deletedAt: users.deletedAt,
};

export interface TeamMember {
  userId: string;
  name: string | null;
  githubName: string | null;
  githubLogin: string | null;
  avatarUrl: string | null;
  deletedAt: Date | null;
  role: 'lead' | 'member';
  invitedAt: Date;
  acceptedAt: Date | null;
}

/** The lead first, then members by when they joined, then pending invitations. */
export async function proposalTeam(
  db: Reader,
  proposal: Pick<Proposal, 'id' | 'leadId' | 'createdAt'>,
): Promise<TeamMember[]> {
  const rows: TeamMember[] = await db
    .select({
      ...person,
      role: proposalMembers.role,
      invitedAt: proposalMembers.invitedAt,
      acceptedAt: proposalMembers.acceptedAt,
    })
    .from(proposalMembers)
    .innerJoin(users, eq(users.id, proposalMembers.userId))
    .where(eq(proposalMembers.proposalId, proposal.id))
    .orderBy(
      desc(sql`${proposalMembers.role} = 'lead'`),
      sql`${proposalMembers.acceptedAt} ASC NULLS LAST`,
      asc(proposalMembers.invitedAt),
    );
  // The lead always counts, even where no team row was written for them (imported proposals).
  if (proposal.leadId && !rows.some((row) => row.userId === proposal.leadId)) {
    const [lead] = await db.select(person).from(users).where(eq(users.id, proposal.leadId));
    if (lead) {
      rows.unshift({
        ...lead,
        role: 'lead',
        invitedAt: proposal.createdAt,
        acceptedAt: proposal.createdAt,
      });
    }
  }
  return rows;
}

/** Of these proposals, the ones whose team the person is on (as lead or accepted member). */
export async function proposalsOnTeam(
  db: Reader,
  userId: string,
  list: readonly Pick<Proposal, 'id' | 'leadId'>[],
): Promise<Set<string>> {
  const mine = new Set(list.filter((proposal) => proposal.leadId === userId).map((p) => p.id));
  if (list.length === 0) return mine;
  const rows = await db
    .select({ proposalId: proposalMembers.proposalId })
    .from(proposalMembers)
    .where(
      and(
        eq(proposalMembers.userId, userId),
        isNotNull(proposalMembers.acceptedAt),
        inArray(
          proposalMembers.proposalId,
          list.map((proposal) => proposal.id),
        ),
      ),
    );
  for (const row of rows) mine.add(row.proposalId);
  return mine;
}

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

export const solutionStatuses: readonly ProposalStatus[] = ['delivered', 'adopted'];

/** Who is on a proposal's team: its lead, a `lead` member row, or a member who accepted. */
function onTeamOf(userId: string) {
  return or(
    eq(proposals.leadId, userId),
    and(
      isNotNull(proposalMembers.userId),
      or(isNotNull(proposalMembers.acceptedAt), eq(proposalMembers.role, 'lead')),
    ),
  );
}

const membershipOf = (userId: string) =>
  and(eq(proposalMembers.proposalId, proposals.id), eq(proposalMembers.userId, userId));

/** The dashboard's order of statuses, as a sort key the database can use. */
const statusRank = sql`array_position(ARRAY[${sql.join(
  proposalStatusOrder.map((status) => sql`${status}`),
  sql`, `,
)}]::text[], ${proposals.status}::text)`;

export interface TeamProposalFilter {
  /** Only proposals in these statuses. */
  statuses?: readonly ProposalStatus[];
  /** Only proposals the person leads. */
  leadOnly?: boolean;
  /** Grouped by status in the dashboard's order, then newest activity first. */
  byStatus?: boolean;
  window?: { limit: number; offset: number };
}

/**
 * The proposals someone is on the team of: as lead (the proposal's lead, or a `lead` member row)
 * or as a member who accepted the invitation. Newest activity first.
 */
export async function teamProposalsOf(db: Reader, userId: string, filter: TeamProposalFilter = {}) {
  const query = db
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
    .leftJoin(proposalMembers, membershipOf(userId))
    .where(
      and(
        onTeamOf(userId),
        filter.statuses ? inArray(proposals.status, [...filter.statuses]) : undefined,
        filter.leadOnly
          ? or(eq(proposals.leadId, userId), eq(proposalMembers.role, 'lead'))
          : undefined,
      ),
    )
    .orderBy(
      ...(filter.byStatus ? [asc(statusRank)] : []),
      desc(proposals.updatedAt),
      desc(proposals.id),
    )
    .$dynamic();
  const rows = await (filter.window
    ? query.limit(filter.window.limit).offset(filter.window.offset)
    : query);
  return rows.map(({ memberRole, ...row }) => ({
    ...row,
    isLead: row.leadId === userId || memberRole === 'lead',
  }));
}

/** How many proposals someone is on the team of, by status; `leadOnly` counts those they lead. */
export async function teamProposalCounts(
  db: Reader,
  userId: string,
  filter: Pick<TeamProposalFilter, 'leadOnly'> = {},
): Promise<Map<ProposalStatus, number>> {
  const rows = await db
    .select({ status: proposals.status, n: sql<number>`count(*)::int` })
    .from(proposals)
    .leftJoin(proposalMembers, membershipOf(userId))
    .where(
      and(
        onTeamOf(userId),
        filter.leadOnly
          ? or(eq(proposals.leadId, userId), eq(proposalMembers.role, 'lead'))
          : undefined,
      ),
    )
    .groupBy(proposals.status);
  return new Map(rows.map((row) => [row.status, Number(row.n)]));
}

export type TeamProposal = Awaited<ReturnType<typeof teamProposalsOf>>[number];

const leads = alias(users, 'leads');

/** Invitations to join a team that the person has not answered yet. */
function pendingInvitationOf(userId: string) {
  return and(
    eq(proposalMembers.userId, userId),
    eq(proposalMembers.role, 'member'),
    isNull(proposalMembers.acceptedAt),
    or(isNull(proposals.leadId), ne(proposals.leadId, userId)),
    // A team can still be joined while the proposal is being written or worked on.
    inArray(proposals.status, editableStatuses),
  );
}

/** One window of the invitations the person has not answered yet, oldest first. */
export async function pendingTeamInvitations(
  db: Reader,
  userId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      status: proposals.status,
      invitedAt: proposalMembers.invitedAt,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      lead: {
        id: leads.id,
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
    .where(pendingInvitationOf(userId))
    .orderBy(asc(proposalMembers.invitedAt), asc(proposalMembers.proposalId))
    .limit(window.limit)
    .offset(window.offset);
}

/** How many invitations the person has not answered yet. */
export async function pendingTeamInvitationCount(db: Reader, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(proposalMembers)
    .innerJoin(proposals, eq(proposals.id, proposalMembers.proposalId))
    .where(pendingInvitationOf(userId));
  return Number(row?.n ?? 0);
}

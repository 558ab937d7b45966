import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import {
  proposalMembers,
  proposals,
  users,
  type Challenge,
  type Proposal,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { notifyUsers } from '../notifications/index.ts';
import {
  canAnswerInvitation,
  canManageTeam,
  canRemoveFromTeam,
  editableStatuses,
  type ProposalRelation,
} from './permissions.ts';

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
  db: Db,
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

/**
 * The volunteer a login names: case-insensitive, signed up through GitHub, not deleted. A
 * login can pass to someone else on GitHub; the most recent sign-in holds it here.
 */
export async function volunteerByLogin(
  db: Pick<Db, 'select'>,
  login: string,
): Promise<User | undefined> {
  const [volunteer] = await db
    .select()
    .from(users)
    .where(
      and(
        sql`lower(${users.githubLogin}) = lower(${login})`,
        isNotNull(users.githubId),
        isNull(users.deletedAt),
      ),
    )
    .orderBy(sql`${users.lastSignInAt} DESC NULLS LAST`)
    .limit(1);
  return volunteer;
}

/** The lead invites a volunteer by GitHub login; the invitation waits for their answer. */
export async function inviteToTeam(
  db: Db,
  actorId: string,
  relation: ProposalRelation,
  proposal: Proposal,
  challenge: Pick<Challenge, 'organizationId' | 'title'>,
  login: string,
  inviterName: string,
): Promise<User> {
  if (!canManageTeam(proposal, relation)) throw new ForbiddenError('proposals.errors.onlyLead');
  return db.transaction(async (tx) => {
    const [alive] = await tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.id, proposal.id), inArray(proposals.status, editableStatuses)))
      .for('update');
    if (!alive) throw new ForbiddenError('proposals.errors.notEditable');
    const invitee = await volunteerByLogin(tx, login);
    if (!invitee) throw new ValidationError({ login: 'proposals.errors.unknownLogin' });
    const [existing] = await tx
      .select({ acceptedAt: proposalMembers.acceptedAt })
      .from(proposalMembers)
      .where(
        and(eq(proposalMembers.proposalId, proposal.id), eq(proposalMembers.userId, invitee.id)),
      );
    if (invitee.id === proposal.leadId || existing?.acceptedAt) {
      throw new ValidationError({ login: 'proposals.errors.alreadyOnTeam' });
    }
    if (existing) throw new ValidationError({ login: 'proposals.errors.alreadyInvited' });
    await tx
      .insert(proposalMembers)
      .values({ proposalId: proposal.id, userId: invitee.id, role: 'member' });
    await recordAudit(tx, {
      actorId,
      action: 'proposal.invite',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      after: { userId: invitee.id, githubLogin: invitee.githubLogin },
    });
    await notifyUsers(tx, [invitee.id], null, {
      kind: 'invitation',
      template: 'team-invitation',
      data: {
        inviter: inviterName,
        proposal: proposal.title,
        challenge: challenge.title,
        path: `/propuestas/${proposal.id}`,
      },
    });
    return invitee;
  });
}

/** The invitee joins the team, or declines and the invitation is gone. */
export async function answerInvitation(
  db: Db,
  actorId: string,
  relation: ProposalRelation,
  proposal: Proposal,
  challenge: Pick<Challenge, 'organizationId'>,
  accept: boolean,
): Promise<void> {
  if (!canAnswerInvitation(proposal, relation)) {
    throw new ForbiddenError('proposals.errors.noInvitation');
  }
  await db.transaction(async (tx) => {
    const mine = and(
      eq(proposalMembers.proposalId, proposal.id),
      eq(proposalMembers.userId, actorId),
      isNull(proposalMembers.acceptedAt),
    );
    const [answered] = accept
      ? await tx
          .update(proposalMembers)
          .set({ acceptedAt: new Date() })
          .where(mine)
          .returning({ userId: proposalMembers.userId })
      : await tx.delete(proposalMembers).where(mine).returning({ userId: proposalMembers.userId });
    if (!answered) throw new ForbiddenError('proposals.errors.noInvitation');
    await recordAudit(tx, {
      actorId,
      action: accept ? 'proposal.joinTeam' : 'proposal.declineInvitation',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      after: { userId: actorId },
    });
  });
}

/** The lead removes a member or cancels an invitation; a member may remove themselves. */
export async function removeFromTeam(
  db: Db,
  actorId: string,
  relation: ProposalRelation,
  proposal: Proposal,
  challenge: Pick<Challenge, 'organizationId'>,
  targetUserId: string,
): Promise<void> {
  if (!canRemoveFromTeam(proposal, relation, actorId, targetUserId)) {
    throw new ForbiddenError('proposals.errors.onlyLead');
  }
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(proposalMembers)
      .where(
        and(
          eq(proposalMembers.proposalId, proposal.id),
          eq(proposalMembers.userId, targetUserId),
          eq(proposalMembers.role, 'member'),
        ),
      )
      .returning();
    if (!removed) throw new NotFoundError();
    await recordAudit(tx, {
      actorId,
      action: targetUserId === actorId ? 'proposal.leaveTeam' : 'proposal.removeMember',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      before: { userId: targetUserId, acceptedAt: removed.acceptedAt },
    });
  });
}

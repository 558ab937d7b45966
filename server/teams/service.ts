import { and, eq, isNull } from 'drizzle-orm';
import { proposalMembers, type User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { isUuid } from '../lib/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { senderName, volunteerByLogin } from '../people/index.ts';
import { lockForChange } from '../proposals/index.ts';
import { canAnswerInvitation, canManageTeam, canRemoveFromTeam } from './permissions.ts';

/** The lead invites a volunteer by GitHub login; the invitation waits for their answer. */
export async function inviteToTeam(
  db: Db,
  actor: User,
  proposalId: string,
  login: string,
): Promise<User> {
  return db.transaction(async (tx) => {
    const { proposal, challenge, viewer } = await lockForChange(tx, proposalId, actor.id);
    if (!canManageTeam(proposal, viewer)) {
      throw new ForbiddenError(
        viewer.isLead ? 'proposals.errors.notEditable' : 'proposals.errors.onlyLead',
      );
    }
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
      actorId: actor.id,
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
        inviter: senderName(actor),
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
  actor: User,
  proposalId: string,
  accept: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { proposal, challenge, viewer } = await lockForChange(tx, proposalId, actor.id);
    if (!canAnswerInvitation(proposal, viewer)) {
      throw new ForbiddenError('proposals.errors.noInvitation');
    }
    const mine = and(
      eq(proposalMembers.proposalId, proposal.id),
      eq(proposalMembers.userId, actor.id),
      isNull(proposalMembers.acceptedAt),
    );
    if (accept) await tx.update(proposalMembers).set({ acceptedAt: new Date() }).where(mine);
    else await tx.delete(proposalMembers).where(mine);
    await recordAudit(tx, {
      actorId: actor.id,
      action: accept ? 'proposal.joinTeam' : 'proposal.declineInvitation',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      after: { userId: actor.id },
    });
  });
}

/** The lead removes a member or cancels an invitation; a member may remove themselves. */
export async function removeFromTeam(
  db: Db,
  actor: User,
  proposalId: string,
  targetUserId: string,
): Promise<void> {
  if (!isUuid(targetUserId)) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const { proposal, challenge, viewer } = await lockForChange(tx, proposalId, actor.id);
    if (!canRemoveFromTeam(proposal, viewer, targetUserId)) {
      throw new ForbiddenError('proposals.errors.onlyLead');
    }
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
      actorId: actor.id,
      action: targetUserId === actor.id ? 'proposal.leaveTeam' : 'proposal.removeMember',
      subjectType: 'proposal',
      subjectId: proposal.id,
      organizationId: challenge.organizationId,
      before: { userId: targetUserId, acceptedAt: removed.acceptedAt },
    });
  });
}

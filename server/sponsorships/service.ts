import { eq } from 'drizzle-orm';
import {
  organizations,
  sponsorships,
  sponsorshipVersions,
  type Sponsorship,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { holdChallenge } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { dayInMexico } from '../lib/index.ts';
import { membershipRole } from '../organizations/index.ts';
import type { PledgeInput } from './forms.ts';
import { canChangeSponsorship } from './lifecycle.ts';
import { queueNewPledgeEmails, queuePledgeChangeEmails } from './notify.ts';
import { canBeSponsored, pledgeRefusal } from './permissions.ts';
import { lockPledge, pledgeSnapshot } from './pledge-lock.ts';

/** A promised day already over in Mexico would make a new promise overdue at once. */
export function refusePastDueDay(dueOn: string | null, now: Date): void {
  if (dueOn !== null && dueOn < dayInMexico(now)) {
    throw new ValidationError({ dueOn: 'sponsorships.errors.dueOnPast' });
  }
}

/**
 * A member of a verified government office pledges its support to a challenge. The challenge,
 * the office and the actor's membership are read inside the transaction, shared-locked, so a
 * challenge closed or a verification removed a moment ago counts. Its first version is kept.
 */
export async function pledgeSponsorship(
  db: Db,
  actor: User,
  challengeId: string,
  pledge: Omit<PledgeInput, 'dueOn'> & { dueOn?: string | null },
  now: Date = new Date(),
): Promise<Sponsorship> {
  const input = { ...pledge, dueOn: pledge.dueOn ?? null };
  refusePastDueDay(input.dueOn, now);
  return db.transaction(async (tx) => {
    const challenge = await holdChallenge(tx, challengeId);
    if (!canBeSponsored(challenge))
      throw new ForbiddenError('sponsorships.errors.challengeNotOpen');
    const [office] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, input.organizationId))
      .for('share');
    const isMember = (await membershipRole(tx, actor.id, input.organizationId)) !== null;
    // An office the actor does not belong to is refused alike, whether it exists or not.
    const refusal = office ? pledgeRefusal(office, isMember) : 'notMember';
    if (refusal) throw new ForbiddenError(`sponsorships.errors.${refusal}`);
    const [created] = await tx
      .insert(sponsorships)
      .values({
        challengeId: challenge.id,
        organizationId: office!.id,
        kind: input.kind,
        amountCentavos: input.amountCentavos,
        description: input.description,
        terms: input.terms,
        dueOn: input.dueOn,
        createdById: actor.id,
      })
      .returning();
    await tx.insert(sponsorshipVersions).values({
      sponsorshipId: created!.id,
      version: 1,
      kind: created!.kind,
      amountCentavos: created!.amountCentavos,
      description: created!.description,
      terms: created!.terms,
      dueOn: created!.dueOn,
      changedById: actor.id,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'sponsorship.pledge',
      subjectType: 'sponsorship',
      subjectId: created!.id,
      organizationId: office!.id,
      after: pledgeSnapshot(created!),
    });
    await queueNewPledgeEmails(tx, challenge, office!, created!, actor.id);
    return created!;
  });
}

/**
 * A member of the sponsoring office withdraws its pledge with a public reason, before it is
 * delivered or after its delivery was disputed; the receiving organization is told.
 */
export async function withdrawSponsorship(
  db: Db,
  actor: User,
  sponsorshipId: string,
  reason: string,
  now: Date = new Date(),
): Promise<Sponsorship> {
  return db.transaction(async (tx) => {
    const pledge = await lockPledge(tx, actor.id, sponsorshipId);
    const current = pledge.sponsorship;
    if (!canChangeSponsorship('withdraw', current.status, pledge.sides)) {
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    }
    const [updated] = await tx
      .update(sponsorships)
      .set({ status: 'withdrawn', withdrawalReason: reason, withdrawnAt: now, updatedAt: now })
      .where(eq(sponsorships.id, current.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'sponsorship.withdraw',
      subjectType: 'sponsorship',
      subjectId: current.id,
      organizationId: current.organizationId,
      before: pledgeSnapshot(current),
      after: pledgeSnapshot(updated!),
    });
    await queuePledgeChangeEmails(
      tx,
      { ...pledge, sponsorship: updated! },
      'withdraw',
      actor.id,
      reason,
    );
    return updated!;
  });
}

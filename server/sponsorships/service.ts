import { eq } from 'drizzle-orm';
import {
  organizations,
  sponsorships,
  type Sponsorship,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { holdChallenge } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { isUuid } from '../lib/index.ts';
import { membershipRole } from '../organizations/index.ts';
import type { PledgeInput } from './forms.ts';
import {
  canChangeSponsorship,
  sponsorshipTransitions,
  type SponsorshipTransition,
} from './lifecycle.ts';
import { queueNewPledgeEmails } from './notify.ts';
import { canBeSponsored, pledgeRefusal } from './permissions.ts';

const snapshot = (row: Sponsorship) => ({
  kind: row.kind,
  amountCentavos: row.amountCentavos,
  description: row.description,
  terms: row.terms,
  status: row.status,
  withdrawalReason: row.withdrawalReason,
});

/**
 * A member of a verified government office pledges its support to a challenge. The challenge,
 * the office and the actor's membership are read inside the transaction, shared-locked, so a
 * challenge closed or a verification removed a moment ago counts.
 */
export async function pledgeSponsorship(
  db: Db,
  actor: User,
  challengeId: string,
  input: PledgeInput,
): Promise<Sponsorship> {
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
        createdById: actor.id,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'sponsorship.pledge',
      subjectType: 'sponsorship',
      subjectId: created!.id,
      organizationId: office!.id,
      after: snapshot(created!),
    });
    await queueNewPledgeEmails(tx, challenge, office!, created!, actor.id);
    return created!;
  });
}

/**
 * A member of the sponsoring office marks its pledge fulfilled or withdrawn (with its public
 * reason), once. The row is locked and the membership read inside the transaction, so two
 * presses at once, or a member just removed, cannot both change it.
 */
export async function changeSponsorship(
  db: Db,
  actor: User,
  sponsorshipId: string,
  transition: SponsorshipTransition,
  reason?: string,
): Promise<Sponsorship> {
  if (!isUuid(sponsorshipId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(sponsorships)
      .where(eq(sponsorships.id, sponsorshipId))
      .for('update');
    if (!current) throw new NotFoundError();
    const isMember = (await membershipRole(tx, actor.id, current.organizationId)) !== null;
    if (!canChangeSponsorship(transition, current.status, isMember)) {
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    }
    const [updated] = await tx
      .update(sponsorships)
      .set({
        status: sponsorshipTransitions[transition].to,
        withdrawalReason: transition === 'withdraw' ? (reason ?? null) : null,
        updatedAt: new Date(),
      })
      .where(eq(sponsorships.id, current.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: `sponsorship.${transition}`,
      subjectType: 'sponsorship',
      subjectId: current.id,
      organizationId: current.organizationId,
      before: snapshot(current),
      after: snapshot(updated!),
    });
    return updated!;
  });
}

import { and, eq } from 'drizzle-orm';
import {
  organizations,
  sponsorships,
  type Challenge,
  type Sponsorship,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
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

/** A government office pledges support; refused unless the office is verified and the actor a member. */
export async function pledgeSponsorship(
  db: Db,
  actorId: string,
  actorIsMember: boolean,
  challenge: Challenge,
  input: PledgeInput,
): Promise<Sponsorship> {
  if (!canBeSponsored(challenge)) throw new ForbiddenError('sponsorships.errors.challengeNotOpen');
  return db.transaction(async (tx) => {
    // Read the office inside the transaction: a verification removed a moment ago counts.
    const [office] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    const refusal = office ? pledgeRefusal(office, actorIsMember) : 'notMember';
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
        createdById: actorId,
      })
      .returning();
    await recordAudit(tx, {
      actorId,
      action: 'sponsorship.pledge',
      subjectType: 'sponsorship',
      subjectId: created!.id,
      organizationId: office!.id,
      after: snapshot(created!),
    });
    await queueNewPledgeEmails(tx, challenge, office!, created!, actorId);
    return created!;
  });
}

/** Marks a pledge fulfilled or withdrawn (with its public reason), once, with its audit event. */
export async function changeSponsorship(
  db: Db,
  actorId: string,
  actorIsOfficeMember: boolean,
  sponsorship: Sponsorship,
  transition: SponsorshipTransition,
  reason?: string,
): Promise<Sponsorship> {
  if (!canChangeSponsorship(transition, sponsorship.status, actorIsOfficeMember)) {
    throw new ForbiddenError('sponsorships.errors.transitionRefused');
  }
  const to = sponsorshipTransitions[transition].to;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(sponsorships)
      .set({
        status: to,
        withdrawalReason: transition === 'withdraw' ? (reason ?? null) : null,
        updatedAt: new Date(),
      })
      .where(and(eq(sponsorships.id, sponsorship.id), eq(sponsorships.status, sponsorship.status)))
      .returning();
    if (!updated) throw new ForbiddenError('sponsorships.errors.transitionRefused');
    await recordAudit(tx, {
      actorId,
      action: `sponsorship.${transition}`,
      subjectType: 'sponsorship',
      subjectId: sponsorship.id,
      organizationId: sponsorship.organizationId,
      before: snapshot(sponsorship),
      after: snapshot(updated),
    });
    return updated;
  });
}

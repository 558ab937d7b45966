import { desc, eq } from 'drizzle-orm';
import {
  sponsorshipFulfilments,
  sponsorshipResponses,
  sponsorships,
  type Sponsorship,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { dayInMexico } from '../lib/index.ts';
import type { FulfilInput, ResponseInput } from './forms.ts';
import { canChangeSponsorship } from './lifecycle.ts';
import { queuePledgeChangeEmails } from './notify.ts';
import { lockPledge, pledgeSnapshot } from './pledge-lock.ts';

/**
 * A member of the sponsoring office records what it delivered, when, and a public link that
 * shows it; the pledge becomes fulfilled and waits for the receiving organization's answer.
 */
export async function fulfilSponsorship(
  db: Db,
  actor: User,
  sponsorshipId: string,
  input: FulfilInput,
  now: Date = new Date(),
): Promise<Sponsorship> {
  // A delivery is in the past: a day still to come is a promise, which the pledge already is.
  if (input.deliveredOn > dayInMexico(now)) {
    throw new ValidationError({ deliveredOn: 'sponsorships.errors.deliveredInFuture' });
  }
  return db.transaction(async (tx) => {
    const pledge = await lockPledge(tx, actor.id, sponsorshipId);
    const current = pledge.sponsorship;
    if (!canChangeSponsorship('fulfill', current.status, pledge.sides)) {
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    }
    const [fulfilment] = await tx
      .insert(sponsorshipFulfilments)
      .values({ sponsorshipId: current.id, ...input, recordedById: actor.id })
      .returning();
    const [updated] = await tx
      .update(sponsorships)
      .set({ status: 'fulfilled', fulfilledAt: now, updatedAt: now })
      .where(eq(sponsorships.id, current.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'sponsorship.fulfill',
      subjectType: 'sponsorship',
      subjectId: current.id,
      organizationId: current.organizationId,
      before: pledgeSnapshot(current),
      after: { ...pledgeSnapshot(updated!), fulfilmentId: fulfilment!.id, ...input },
    });
    await queuePledgeChangeEmails(
      tx,
      { ...pledge, sponsorship: updated! },
      'fulfill',
      actor.id,
      input.delivered,
    );
    return updated!;
  });
}

/**
 * A member of the receiving organization confirms the office's latest fulfilment, or disputes
 * it saying why; nobody answers for a delivery their own office recorded.
 */
export async function respondToFulfilment(
  db: Db,
  actor: User,
  sponsorshipId: string,
  input: ResponseInput,
  now: Date = new Date(),
): Promise<Sponsorship> {
  return db.transaction(async (tx) => {
    const pledge = await lockPledge(tx, actor.id, sponsorshipId);
    const current = pledge.sponsorship;
    if (!canChangeSponsorship(input.verdict, current.status, pledge.sides)) {
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    }
    const [fulfilment] = await tx
      .select({ id: sponsorshipFulfilments.id })
      .from(sponsorshipFulfilments)
      .where(eq(sponsorshipFulfilments.sponsorshipId, current.id))
      .orderBy(desc(sponsorshipFulfilments.createdAt), desc(sponsorshipFulfilments.id))
      .limit(1);
    // A pledge fulfilled before evidence was asked for has none to answer: it is answered as is.
    const confirmed = input.verdict === 'confirm';
    if (fulfilment) {
      await tx.insert(sponsorshipResponses).values({
        sponsorshipId: current.id,
        fulfilmentId: fulfilment.id,
        organizationId: pledge.challenge.organizationId,
        verdict: confirmed ? 'confirmed' : 'disputed',
        note: input.note,
        respondedById: actor.id,
      });
    }
    const [updated] = await tx
      .update(sponsorships)
      .set(
        confirmed
          ? { status: 'confirmed', confirmedAt: now, updatedAt: now }
          : { status: 'disputed', disputedAt: now, updatedAt: now },
      )
      .where(eq(sponsorships.id, current.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: `sponsorship.${input.verdict}`,
      subjectType: 'sponsorship',
      subjectId: current.id,
      organizationId: pledge.challenge.organizationId,
      before: pledgeSnapshot(current),
      after: { ...pledgeSnapshot(updated!), note: input.note },
    });
    await queuePledgeChangeEmails(
      tx,
      { ...pledge, sponsorship: updated! },
      input.verdict,
      actor.id,
      input.note,
    );
    return updated!;
  });
}

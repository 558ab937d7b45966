import { eq } from 'drizzle-orm';
import {
  sponsorships,
  sponsorshipVersions,
  type Sponsorship,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import type { AmendInput } from './forms.ts';
import { canAmendSponsorship } from './lifecycle.ts';
import { queuePledgeChangeEmails } from './notify.ts';
import { lockPledge, pledgeSnapshot } from './pledge-lock.ts';
import { refusePastDueDay } from './service.ts';

/**
 * The office amends what it promised (amount, description, terms, promised day) and says why;
 * the new version is kept beside every earlier one, and the receiving organization is told.
 * A new promised day starts the overdue reminder afresh.
 */
export async function amendSponsorship(
  db: Db,
  actor: User,
  sponsorshipId: string,
  input: AmendInput,
  now: Date = new Date(),
): Promise<Sponsorship> {
  return db.transaction(async (tx) => {
    const pledge = await lockPledge(tx, actor.id, sponsorshipId);
    const current = pledge.sponsorship;
    if (!canAmendSponsorship(current.status, pledge.sides)) {
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    }
    // A promised day kept as it was may have passed; only a new one must still be ahead.
    if (input.dueOn !== current.dueOn) refusePastDueDay(input.dueOn, now);
    const version = current.version + 1;
    const [updated] = await tx
      .update(sponsorships)
      .set({
        amountCentavos: input.amountCentavos,
        description: input.description,
        terms: input.terms,
        dueOn: input.dueOn,
        version,
        overdueRemindedAt: input.dueOn === current.dueOn ? current.overdueRemindedAt : null,
        updatedAt: now,
      })
      .where(eq(sponsorships.id, current.id))
      .returning();
    await tx.insert(sponsorshipVersions).values({
      sponsorshipId: current.id,
      version,
      kind: current.kind,
      amountCentavos: input.amountCentavos,
      description: input.description,
      terms: input.terms,
      dueOn: input.dueOn,
      note: input.note,
      changedById: actor.id,
      createdAt: now,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'sponsorship.amend',
      subjectType: 'sponsorship',
      subjectId: current.id,
      organizationId: current.organizationId,
      before: pledgeSnapshot(current),
      after: { ...pledgeSnapshot(updated!), note: input.note },
    });
    await queuePledgeChangeEmails(
      tx,
      { ...pledge, sponsorship: updated! },
      'amend',
      actor.id,
      input.note,
    );
    return updated!;
  });
}

import { eq } from 'drizzle-orm';
import {
  challenges,
  organizations,
  sponsorships,
  type Sponsorship,
} from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { isUuid } from '../lib/index.ts';
import { membershipRole } from '../organizations/index.ts';
import type { PledgeSides } from './lifecycle.ts';

/** What the ledger keeps of a pledge in its audit trail, before and after each change. */
export const pledgeSnapshot = (row: Sponsorship) => ({
  kind: row.kind,
  amountCentavos: row.amountCentavos,
  description: row.description,
  terms: row.terms,
  dueOn: row.dueOn,
  version: row.version,
  status: row.status,
  withdrawalReason: row.withdrawalReason,
});

/**
 * The pledge locked for this change, its challenge, and which sides the actor is on, read inside
 * the transaction: two presses at once, or a member just removed, cannot both change it.
 */
export async function lockPledge(tx: Tx, actorId: string, sponsorshipId: string) {
  if (!isUuid(sponsorshipId)) throw new NotFoundError();
  const [row] = await tx
    .select({ sponsorship: sponsorships, challenge: challenges, officeName: organizations.name })
    .from(sponsorships)
    .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .where(eq(sponsorships.id, sponsorshipId))
    .for('update', { of: sponsorships });
  if (!row) throw new NotFoundError();
  const sides: PledgeSides = {
    office: (await membershipRole(tx, actorId, row.sponsorship.organizationId)) !== null,
    receiver: (await membershipRole(tx, actorId, row.challenge.organizationId)) !== null,
  };
  return { ...row, sides };
}

export type LockedPledge = Awaited<ReturnType<typeof lockPledge>>;

import type { Challenge, Organization, Sponsorship } from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { notifyUsers, organizationMemberIds } from '../notifications/index.ts';

/** Tells the members of the challenge's organization about a new pledge, in the pledge's transaction. */
export async function queueNewPledgeEmails(
  tx: Tx,
  challenge: Challenge,
  office: Pick<Organization, 'name'>,
  sponsorship: Sponsorship,
  actorId: string,
): Promise<void> {
  const members = await organizationMemberIds(tx, challenge.organizationId);
  await notifyUsers(tx, members, actorId, {
    kind: 'pledge',
    template: 'new-pledge',
    data: {
      office: office.name,
      challenge: challenge.title,
      kind: sponsorship.kind,
      amountCentavos: sponsorship.amountCentavos,
      description: sponsorship.description,
      path: `/patrocinios/${sponsorship.id}`,
    },
  });
}

// Which side hears of each change: the office's moves go to the receiver, and the other way.
export type PledgeEvent = 'fulfill' | 'confirm' | 'dispute' | 'withdraw' | 'amend' | 'overdue';
const toOffice: readonly PledgeEvent[] = ['confirm', 'dispute', 'overdue'];

/**
 * Writes to the other side of a pledge about a change, in the change's transaction; the overdue
 * reminder goes to the office itself. `actorId` (null for the system) is left out.
 */
export async function queuePledgeChangeEmails(
  tx: Tx,
  pledge: { sponsorship: Sponsorship; challenge: Challenge; officeName: string },
  event: PledgeEvent,
  actorId: string | null,
  note = '',
): Promise<number> {
  const { sponsorship, challenge } = pledge;
  const organizationId = toOffice.includes(event)
    ? sponsorship.organizationId
    : challenge.organizationId;
  const members = await organizationMemberIds(tx, organizationId);
  const result = await notifyUsers(tx, members, actorId, {
    kind: 'pledge',
    template: 'pledge-change',
    data: {
      event,
      office: pledge.officeName,
      challenge: challenge.title,
      kind: sponsorship.kind,
      amountCentavos: sponsorship.amountCentavos,
      dueOn: sponsorship.dueOn,
      note,
      path: `/patrocinios/${sponsorship.id}`,
    },
  });
  return result.immediate + result.digest;
}

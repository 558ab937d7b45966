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

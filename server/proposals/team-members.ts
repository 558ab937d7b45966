import { and, eq, isNotNull } from 'drizzle-orm';
import { proposalMembers, type Proposal } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';

/** The ids of everyone on the team: the lead and the members who accepted. */
export async function teamMemberIds(
  db: Pick<Db, 'select'>,
  proposal: Pick<Proposal, 'id' | 'leadId'>,
): Promise<string[]> {
  const rows = await db
    .select({ userId: proposalMembers.userId })
    .from(proposalMembers)
    .where(and(eq(proposalMembers.proposalId, proposal.id), isNotNull(proposalMembers.acceptedAt)));
  return [
    ...new Set([...(proposal.leadId ? [proposal.leadId] : []), ...rows.map((r) => r.userId)]),
  ];
}

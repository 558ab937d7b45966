import type { Challenge } from '../../models/schema/index.ts';
import type { Db } from '../db.ts';

/** What the challenge page shows about proposals (the list, the link to propose). */
export async function challengeProposalsSection(
  _db: Db,
  _challenge: Challenge,
  _viewerId: string | undefined,
) {
  return {};
}

import type { Challenge } from '../../models/schema/index.ts';
import type { Db } from '../db.ts';

/** What the challenge page shows about claims (who is working on it, and the claim button). */
export async function challengeClaimsSection(
  _db: Db,
  _challenge: Challenge,
  _viewerId: string | undefined,
) {
  return {};
}

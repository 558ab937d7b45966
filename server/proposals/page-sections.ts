import type { Proposal } from '../../models/schema/index.ts';
import type { Db } from '../db.ts';

/** Review, scores, progress, delivery, adoption and endorsements, for the proposal page. */
export async function proposalTrackingSections(
  _db: Db,
  _proposal: Proposal,
  _viewerId: string | undefined,
) {
  return {};
}

/** Endorsements of the challenge's delivered solutions, for the challenge page. */
export async function challengeEndorsementsSection(_db: Db, _challengeId: string) {
  return {};
}

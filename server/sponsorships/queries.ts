import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { challenges, organizations, sponsorships } from '../../models/schema/index.ts';
import { subjectHistory } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../lib/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import { sponsorshipTransitions } from './lifecycle.ts';

/** A pledge with its office and its challenge, for its page; an id that is no uuid is nothing. */
export async function findSponsorship(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ sponsorship: sponsorships, office: organizations, challenge: challenges })
    .from(sponsorships)
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
    .where(eq(sponsorships.id, id));
  return row;
}

/** How many pledges one challenge has. */
export async function sponsorshipCountOfChallenge(db: Db, challengeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sponsorships)
    .where(eq(sponsorships.challengeId, challengeId));
  return row?.n ?? 0;
}

/** One page of the pledges on one challenge, newest first, with their offices. */
export async function sponsorshipsOfChallenge(
  db: Db,
  challengeId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select({ sponsorship: sponsorships, office: organizations })
    .from(sponsorships)
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .where(eq(sponsorships.challengeId, challengeId))
    .orderBy(desc(sponsorships.createdAt), desc(sponsorships.id))
    .limit(window.limit)
    .offset(window.offset);
}

const historyActions = ['pledge', ...Object.keys(sponsorshipTransitions)].map(
  (name) => `sponsorship.${name}`,
);

/** Every change to a pledge, oldest first, from its audit trail. */
export function sponsorshipHistory(db: Db, sponsorshipId: string) {
  return subjectHistory(db, 'sponsorship', sponsorshipId, historyActions);
}

/** The government offices the person belongs to, verified or not (the pledge form explains). */
export async function governmentOfficesOf(db: Db, userId: string) {
  const ids = (await memberOrganizations(db, userId)).map((org) => org.id);
  if (ids.length === 0) return [];
  return db
    .select()
    .from(organizations)
    .where(and(eq(organizations.kind, 'government'), inArray(organizations.id, ids)))
    .orderBy(organizations.name);
}

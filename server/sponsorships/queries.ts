import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  challenges,
  organizations,
  sponsorshipFulfilments,
  sponsorshipResponses,
  sponsorships,
  sponsorshipVersions,
} from '../../models/schema/index.ts';
import { subjectHistory } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../lib/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import { sponsorshipTransitions } from './lifecycle.ts';

// The organization whose challenge a pledge backs: it confirms or disputes the delivery.
const receivers = alias(organizations, 'receivers');

/** A pledge with its office and its challenge, for its page; an id that is no uuid is nothing. */
export async function findSponsorship(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      sponsorship: sponsorships,
      office: organizations,
      challenge: challenges,
      challengeOrganization: { name: receivers.name, slug: receivers.slug },
    })
    .from(sponsorships)
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
    .innerJoin(receivers, eq(receivers.id, challenges.organizationId))
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

const historyActions = ['pledge', 'amend', ...Object.keys(sponsorshipTransitions)].map(
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

/** How many versions a pledge's promise has had (the current one included). */
export async function versionCount(db: Db, sponsorshipId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sponsorshipVersions)
    .where(eq(sponsorshipVersions.sponsorshipId, sponsorshipId));
  return row?.n ?? 0;
}

/** One page of a pledge's versions, newest first: what it promised each time and why it changed. */
export function pledgeVersions(
  db: Db,
  sponsorshipId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select()
    .from(sponsorshipVersions)
    .where(eq(sponsorshipVersions.sponsorshipId, sponsorshipId))
    .orderBy(desc(sponsorshipVersions.version))
    .limit(window.limit)
    .offset(window.offset);
}

/** How many times the office recorded a delivery of this pledge. */
export async function fulfilmentCount(db: Db, sponsorshipId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sponsorshipFulfilments)
    .where(eq(sponsorshipFulfilments.sponsorshipId, sponsorshipId));
  return row?.n ?? 0;
}

/** One page of the deliveries the office recorded, newest first, each with the receiver's answer. */
export function pledgeFulfilments(
  db: Db,
  sponsorshipId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select({ fulfilment: sponsorshipFulfilments, response: sponsorshipResponses })
    .from(sponsorshipFulfilments)
    .leftJoin(
      sponsorshipResponses,
      eq(sponsorshipResponses.fulfilmentId, sponsorshipFulfilments.id),
    )
    .where(eq(sponsorshipFulfilments.sponsorshipId, sponsorshipId))
    .orderBy(desc(sponsorshipFulfilments.createdAt), desc(sponsorshipFulfilments.id))
    .limit(window.limit)
    .offset(window.offset);
}

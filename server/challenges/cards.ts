import { and, count, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { challenges, organizations, type Organization } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { placeName } from '../lib/index.ts';

/** A challenge as every list shows it (views/partials/challenge-card.hbs). */
export interface ChallengeCard {
  slug: string;
  title: string;
  pitch: string;
  status: string;
  organizationName: string;
  organizationKind: string;
  organizationVerified: boolean;
  place: string | null;
  deadline: string | null;
}

/** What a card needs, for a select over challenges joined with their organization. */
export const cardColumns = {
  slug: challenges.slug,
  title: challenges.title,
  pitch: challenges.pitch,
  status: challenges.status,
  stateCode: challenges.stateCode,
  municipality: challenges.municipality,
  deadline: challenges.deadline,
  organizationName: organizations.name,
  organizationKind: organizations.kind,
  verifiedAt: organizations.verifiedAt,
};

type CardRow = {
  [K in keyof typeof cardColumns]: (typeof cardColumns)[K]['_']['data'] | null;
};

export function toChallengeCard(row: CardRow): ChallengeCard {
  return {
    slug: row.slug!,
    title: row.title!,
    pitch: row.pitch!,
    status: row.status!,
    organizationName: row.organizationName!,
    organizationKind: row.organizationKind!,
    organizationVerified: row.verifiedAt !== null,
    place: placeName(row),
    // A deadline matters while the challenge is open; afterwards it is history.
    deadline: row.status === 'open' ? row.deadline : null,
  };
}

// Newest first: by publication, or creation for drafts that were never published.
const newestFirst = [
  desc(sql`coalesce(${challenges.publishedAt}, ${challenges.createdAt})`),
  desc(challenges.id),
];

/** The card listing query, unrun: its plan is checked against the listing indexes. */
export function challengeCardsQuery(
  db: Pick<Db, 'select'>,
  where: SQL | undefined,
  window: { limit: number; offset?: number },
) {
  return db
    .select(cardColumns)
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(and(eq(challenges.archived, false), where))
    .orderBy(...newestFirst)
    .limit(window.limit)
    .offset(window.offset ?? 0);
}

async function cards(
  db: Pick<Db, 'select'>,
  where: SQL | undefined,
  window: { limit: number; offset?: number },
) {
  const rows = await challengeCardsQuery(db, where, window);
  return rows.map(toChallengeCard);
}

/** The newest challenges in one status, for the home page. */
export function latestChallengeCards(db: Db, status: 'open' | 'solved', limit: number) {
  return cards(db, eq(challenges.status, status), { limit });
}

export const ofOrganization = (organization: Pick<Organization, 'id'>, includeDrafts: boolean) =>
  and(
    eq(challenges.archived, false),
    eq(challenges.organizationId, organization.id),
    includeDrafts ? undefined : ne(challenges.status, 'draft'),
  );

/** How many challenges an organization's page lists. */
export async function organizationChallengeCount(
  db: Db,
  organization: Pick<Organization, 'id'>,
  options: { includeDrafts: boolean },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(challenges)
    .where(ofOrganization(organization, options.includeDrafts));
  return row?.n ?? 0;
}

/** One page of an organization's challenges as cards: published ones, and drafts when asked. */
export function organizationChallengeCards(
  db: Db,
  organization: Pick<Organization, 'id'>,
  options: { includeDrafts: boolean },
  window: { limit: number; offset: number },
) {
  return cards(db, ofOrganization(organization, options.includeDrafts), window);
}

import { and, count, desc, eq, sql } from 'drizzle-orm';
import { challenges, organizations } from '../../models/schema/index.ts';
import { mexicanStateName } from '../../models/mexican-states.ts';
import type { Db } from '../db/index.ts';

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

async function challengeCards(db: Db, status: 'open' | 'solved', limit: number) {
  const rows = await db
    .select({
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
    })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(and(eq(challenges.status, status), eq(challenges.archived, false)))
    .orderBy(
      desc(sql`coalesce(${challenges.publishedAt}, ${challenges.createdAt})`),
      desc(challenges.id),
    )
    .limit(limit);
  return rows.map((row): ChallengeCard => ({
    slug: row.slug,
    title: row.title,
    pitch: row.pitch,
    status: row.status,
    organizationName: row.organizationName,
    organizationKind: row.organizationKind,
    organizationVerified: row.verifiedAt !== null,
    place: [row.municipality, mexicanStateName(row.stateCode)].filter(Boolean).join(', ') || null,
    deadline: row.deadline,
  }));
}

/** What the home page shows: open challenges, recent solutions and a few public counts. */
export async function homePageContent(db: Db) {
  const [openChallenges, solvedChallenges, totals] = await Promise.all([
    challengeCards(db, 'open', 6),
    challengeCards(db, 'solved', 3),
    db
      .select({
        open: count(sql`CASE WHEN ${challenges.status} = 'open' THEN 1 END`),
        solved: count(sql`CASE WHEN ${challenges.status} = 'solved' THEN 1 END`),
        organizations: sql<number>`(SELECT count(*)::int FROM ${organizations})`,
      })
      .from(challenges)
      .where(eq(challenges.archived, false)),
  ]);
  const counts = totals[0] ?? { open: 0, solved: 0, organizations: 0 };
  return { openChallenges, solvedChallenges, counts };
}

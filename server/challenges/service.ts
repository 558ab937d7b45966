import { eq } from 'drizzle-orm';
import { challenges, organizations, users } from '../../models/schema/index.ts';
import { subjectHistory } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { placeName } from '../lib/index.ts';
import { isOrganizationMember } from '../organizations/index.ts';
import { challengeTransitions } from './lifecycle.ts';
import { canViewChallenge } from './permissions.ts';

/** A challenge with its organization and author, or undefined when the viewer may not see it. */
export async function challengeForViewer(db: Db, slug: string, viewerId: string | undefined) {
  const [row] = await db
    .select({ challenge: challenges, organization: organizations, author: users })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .leftJoin(users, eq(users.id, challenges.authorId))
    .where(eq(challenges.slug, slug));
  if (!row) return undefined;
  const member = await isOrganizationMember(db, viewerId, row.organization.id);
  if (!canViewChallenge(row.challenge, member)) return undefined;
  return { ...row, place: placeName(row.challenge), viewerIsMember: member };
}

/** The challenge a replica came from, if it is public. */
export async function originalOf(db: Db, forkedFromId: string | null) {
  if (!forkedFromId) return undefined;
  const [row] = await db
    .select({
      slug: challenges.slug,
      title: challenges.title,
      status: challenges.status,
      stateCode: challenges.stateCode,
      municipality: challenges.municipality,
      organizationName: organizations.name,
    })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(eq(challenges.id, forkedFromId));
  if (!row || row.status === 'draft') return undefined;
  return { ...row, place: placeName(row) };
}

/** Public history of a challenge's status changes, oldest first. */
export function statusHistory(db: Db, challengeId: string) {
  return subjectHistory(db, 'challenge', challengeId, [
    'challenge.create',
    'challenge.replicate',
    ...Object.keys(challengeTransitions).map((name) => `challenge.${name}`),
  ]);
}

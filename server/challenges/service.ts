import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditEvents, challenges, organizations, users } from '../../models/schema/index.ts';
import { mexicanStateName } from '../../models/mexican-states.ts';
import type { Db } from '../db/index.ts';
import { isOrganizationMember } from '../organizations/index.ts';
import { canViewChallenge } from './permissions.ts';

export const placeOf = (row: { municipality: string | null; stateCode: string | null }) =>
  [row.municipality, mexicanStateName(row.stateCode)].filter(Boolean).join(', ');

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
  return { ...row, place: placeOf(row.challenge), viewerIsMember: member };
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
  return { ...row, place: placeOf(row) };
}

/** Public history of a challenge's status changes, oldest first. */
export async function statusHistory(db: Db, challengeId: string) {
  const rows = await db
    .select({
      action: auditEvents.action,
      createdAt: auditEvents.createdAt,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, 'challenge'),
        eq(auditEvents.subjectId, challengeId),
        inArray(auditEvents.action, [
          'challenge.create',
          'challenge.replicate',
          'challenge.publish',
          'challenge.start',
          'challenge.solve',
          'challenge.close',
          'challenge.reopen',
        ]),
      ),
    )
    .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id));
  return rows.map((row) => ({
    event: row.action.replace(/^challenge\./, ''),
    createdAt: row.createdAt,
  }));
}

import { eq } from 'drizzle-orm';
import { challenges, organizations, users } from '../../models/schema/index.ts';
import { mexicanStateName } from '../../models/mexican-states.ts';
import type { Db } from '../db.ts';
import { isOrganizationMember } from '../organizations/membership.ts';
import { canViewChallenge } from './permissions.ts';

/** A challenge as its page shows it, or undefined when the viewer may not see it. */
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
  return {
    ...row,
    place: [row.challenge.municipality, mexicanStateName(row.challenge.stateCode)]
      .filter(Boolean)
      .join(', '),
    viewerIsMember: member,
  };
}

import { randomBytes } from 'node:crypto';
import {
  challengeCriteria,
  challenges,
  memberships,
  organizations,
  users,
  type Challenge,
  type NewChallenge,
  type NewOrganization,
  type NewUser,
  type Organization,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';

const unique = () => randomBytes(4).toString('hex');

export async function makeOrganization(
  db: Db,
  overrides: Partial<NewOrganization> = {},
): Promise<Organization> {
  const id = unique();
  const [row] = await db
    .insert(organizations)
    .values({
      slug: `organizacion-${id}`,
      name: `Organización ${id}`,
      kind: 'community',
      stateCode: 'OAX',
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeUser(db: Db, overrides: Partial<NewUser> = {}): Promise<User> {
  const id = unique();
  const [row] = await db
    .insert(users)
    .values({ name: `Persona ${id}`, email: `persona-${id}@example.org`, ...overrides })
    .returning();
  return row!;
}

export async function makeMember(
  db: Db,
  organization: Organization,
  overrides: Partial<NewUser> = {},
): Promise<User> {
  const user = await makeUser(db, overrides);
  await db.insert(memberships).values({ organizationId: organization.id, userId: user.id });
  return user;
}

/**
 * A published challenge, with its criteria as rows when given. A deadline already gone is
 * published the day before it, as a real one would have been.
 */
export async function makeChallenge(
  db: Db,
  {
    criteria = [],
    ...overrides
  }: Partial<NewChallenge> & { criteria?: { name: string; weight: number }[] } = {},
): Promise<Challenge> {
  const id = unique();
  const organizationId = overrides.organizationId ?? (await makeOrganization(db)).id;
  const now = new Date();
  const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 24 * 3600_000);
  const publishedAt =
    overrides.deadline && dayBefore(overrides.deadline) < now ? dayBefore(overrides.deadline) : now;
  const [row] = await db
    .insert(challenges)
    .values({
      slug: `reto-${id}`,
      title: `Reto ${id}`,
      pitch: 'Un problema público que alguien puede empezar a resolver.',
      problem: 'Descripción del problema.',
      status: 'open',
      publishedAt,
      ...overrides,
      organizationId,
    })
    .returning();
  if (criteria.length > 0) {
    await db.insert(challengeCriteria).values(
      criteria.map(({ name, weight }, position) => ({
        name,
        weight,
        challengeId: row!.id,
        position,
      })),
    );
  }
  return row!;
}

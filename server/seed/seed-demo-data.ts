import { count } from 'drizzle-orm';
import { challenges, memberships, organizations, users } from '../../models/schema/index.ts';
import type { Db } from '../db.ts';
import { demoChallenges } from './demo-challenges.ts';
import { demoMembers, demoOrganizations, demoVolunteers } from './demo-organizations.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ organizations: count() }).from(organizations);
  const [people] = await db.select({ users: count() }).from(users);
  return Number(row?.organizations) === 0 && Number(people?.users) === 0;
}

/** Fills an empty database with realistic Spanish demo content, all in one transaction. */
export async function seedDemoData(db: Db, now = new Date()) {
  return db.transaction(async (tx) => {
    const insertedOrganizations = await tx
      .insert(organizations)
      .values(demoOrganizations)
      .returning({ id: organizations.id, slug: organizations.slug });
    const organizationIds = new Map(insertedOrganizations.map((row) => [row.slug, row.id]));
    const organizationId = (slug: string) => {
      const id = organizationIds.get(slug);
      if (!id) throw new Error(`demo data names an unknown organization: ${slug}`);
      return id;
    };

    const insertedMembers = await tx
      .insert(users)
      .values(demoMembers.map(({ organizationSlug: _slug, ...member }) => member))
      .returning({ id: users.id, email: users.email });
    await tx.insert(memberships).values(
      demoMembers.map((member, index) => ({
        organizationId: organizationId(member.organizationSlug),
        userId: insertedMembers[index]!.id,
        role: 'owner' as const,
      })),
    );
    const authorIds = new Map(
      demoMembers.map((member, index) => [member.organizationSlug, insertedMembers[index]!.id]),
    );
    await tx.insert(users).values(demoVolunteers);

    const day = (offset: number) => new Date(now.getTime() + offset * DAY_MS);
    await tx.insert(challenges).values(
      demoChallenges.map((challenge) => ({
        slug: challenge.slug,
        organizationId: organizationId(challenge.organizationSlug),
        authorId: authorIds.get(challenge.organizationSlug),
        title: challenge.title,
        pitch: challenge.pitch,
        problem: challenge.problem,
        status: challenge.status,
        stateCode: challenge.stateCode,
        municipality: challenge.municipality,
        sdgs: challenge.sdgs,
        skills: challenge.skills,
        deadline:
          challenge.deadlineInDays === null
            ? null
            : day(challenge.deadlineInDays).toISOString().slice(0, 10),
        publishedAt: challenge.publishedDaysAgo === null ? null : day(-challenge.publishedDaysAgo),
        createdAt: day(-(challenge.publishedDaysAgo ?? 1) - 3),
      })),
    );

    return {
      organizations: demoOrganizations.length,
      users: demoMembers.length + demoVolunteers.length,
      challenges: demoChallenges.length,
    };
  });
}

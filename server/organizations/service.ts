import { asc, count, eq, like, or, sql } from 'drizzle-orm';
import {
  challenges,
  memberships,
  organizations,
  type Organization,
  type OrganizationKind,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Config } from '../config.ts';
import { isUniqueViolation, type Db, type Tx } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { placeName, slugify, type PageWindow } from '../lib/index.ts';
import { notifyUsers, organizationMemberIds } from '../notifications/index.ts';
import type { OrganizationInput } from './forms.ts';
import { lockOrganization, requireRole } from './guards.ts';
import {
  canCreateOrganization,
  canEditOrganization,
  canVerifyOrganizations,
} from './permissions.ts';

// Paths under /organizaciones/ that an organization's slug must never take.
const RESERVED_SLUGS = new Set(['nueva']);

/** What the audit log keeps of an organization's profile. */
function profileSnapshot(organization: Organization) {
  return {
    slug: organization.slug,
    name: organization.name,
    kind: organization.kind,
    description: organization.description,
    stateCode: organization.stateCode,
    municipality: organization.municipality,
    websiteUrl: organization.websiteUrl,
    verifiedAt: organization.verifiedAt,
  };
}

export async function organizationBySlug(db: Db, slug: string): Promise<Organization | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row;
}

/** How many organizations the list shows, of one kind or all. */
export async function countOrganizations(db: Db, kind?: OrganizationKind): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(organizations)
    .where(kind ? eq(organizations.kind, kind) : undefined);
  return row?.n ?? 0;
}

// Published challenges of the row's organization, read from the organization's listing index;
// the outer column is spelled out because a one-table select leaves columns unqualified.
const publishedChallengeCount = sql<number>`(select count(*)::int from ${challenges} where ${challenges.organizationId} = ${sql.identifier('organizations')}.${sql.identifier('id')} and ${challenges.archived} = false and ${challenges.status} <> 'draft')`;

/** One page of the organizations, by name, with how many challenges each has published. */
export async function listOrganizations(
  db: Db,
  kind: OrganizationKind | undefined,
  window: Pick<PageWindow, 'limit' | 'offset'>,
) {
  const rows = await db
    .select({
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      stateCode: organizations.stateCode,
      municipality: organizations.municipality,
      verifiedAt: organizations.verifiedAt,
      challengeCount: publishedChallengeCount,
    })
    .from(organizations)
    .where(kind ? eq(organizations.kind, kind) : undefined)
    .orderBy(sql`lower(${organizations.name})`, asc(organizations.id))
    .limit(window.limit)
    .offset(window.offset);
  return rows.map((row) => ({
    ...row,
    challengeCount: Number(row.challengeCount),
    place: placeName(row),
  }));
}

/** The first of `base`, `base-2`, `base-3`… that no organization uses. */
async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const rows = await tx
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(or(eq(organizations.slug, base), like(organizations.slug, `${base}-%`)));
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let n = 2; ; n += 1) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

/** A new organization with its creator as owner; two people racing for a slug both succeed. */
export async function createOrganization(
  db: Db,
  creator: User,
  input: OrganizationInput,
): Promise<Organization> {
  if (!canCreateOrganization(creator)) throw new ForbiddenError();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        const [organization] = await tx
          .insert(organizations)
          .values({ ...input, slug: await freeSlug(tx, input.name) })
          .returning();
        await tx
          .insert(memberships)
          .values({ organizationId: organization!.id, userId: creator.id, role: 'owner' });
        await recordAudit(tx, {
          actorId: creator.id,
          action: 'organization.create',
          subjectType: 'organization',
          subjectId: organization!.id,
          organizationId: organization!.id,
          after: profileSnapshot(organization!),
        });
        return organization!;
      });
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * A member saves a profile. The slug stays, so links keep working. A new name or kind has not been
 * checked by anyone, so it takes the verification away until a moderator looks again.
 */
export async function updateOrganization(
  db: Db,
  actor: User,
  organizationId: string,
  input: OrganizationInput,
): Promise<{ organization: Organization; verificationRemoved: boolean }> {
  return db.transaction(async (tx) => {
    const current = await lockOrganization(tx, organizationId);
    await requireRole(tx, actor, organizationId, canEditOrganization);
    const verificationRemoved =
      current.verifiedAt !== null && (input.name !== current.name || input.kind !== current.kind);
    const next = { ...input, ...(verificationRemoved ? { verifiedAt: null } : {}) };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (key) => next[key] !== current[key],
    );
    if (changed.length === 0) return { organization: current, verificationRemoved: false };
    const [updated] = await tx
      .update(organizations)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(organizations.id, organizationId))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'organization.update',
      subjectType: 'organization',
      subjectId: organizationId,
      organizationId,
      before: Object.fromEntries(changed.map((key) => [key, current[key]])),
      after: Object.fromEntries(changed.map((key) => [key, updated![key]])),
    });
    return { organization: updated!, verificationRemoved };
  });
}

export type VerificationAction = 'verify' | 'unverify';

/** A moderator verifies an organization or takes the verification away; a repeat changes nothing. */
export async function setVerification(
  db: Db,
  admins: Pick<Config, 'adminEmails' | 'adminGithubLogins'>,
  actor: User,
  organizationId: string,
  action: VerificationAction,
  now = new Date(),
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const current = await lockOrganization(tx, organizationId);
    if (!canVerifyOrganizations(actor, admins)) throw new ForbiddenError();
    const verifiedAt = action === 'verify' ? now : null;
    if ((current.verifiedAt === null) === (verifiedAt === null)) return { changed: false };
    await tx
      .update(organizations)
      .set({ verifiedAt, updatedAt: now })
      .where(eq(organizations.id, organizationId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: `organization.${action}`,
      subjectType: 'organization',
      subjectId: organizationId,
      organizationId,
      before: { verifiedAt: current.verifiedAt },
      after: { verifiedAt },
    });
    if (action === 'verify') {
      const members = await organizationMemberIds(tx, organizationId);
      await notifyUsers(tx, members, actor.id, {
        kind: 'organization_verified',
        template: 'organization-verified',
        data: { organization: current.name, path: `/organizaciones/${current.slug}` },
      });
    }
    return { changed: true };
  });
}

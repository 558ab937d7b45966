import { and, asc, eq, ne } from 'drizzle-orm';
import { mexicanStateName } from '../../models/mexican-states.ts';
import { challenges, organizations, type Challenge, type User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { placeName, slugify } from '../lib/index.ts';
import { membershipRole } from '../organizations/index.ts';
import { canReplicateChallenge } from './permissions.ts';
import { uniqueChallengeSlug } from './former-slugs.ts';
import { copyCriteria } from './criteria.ts';

export interface ReplicaTarget {
  organizationId: string;
  stateCode: string | null;
  municipality: string | null;
}

type Place = Pick<Challenge, 'stateCode' | 'municipality'>;

const municipalityKey = (place: Place) => (place.municipality ? slugify(place.municipality) : '');

/** Two places are one when state and municipality match, whatever the case or the accents. */
export function isSamePlace(a: Place, b: Place): boolean {
  return (a.stateCode ?? '') === (b.stateCode ?? '') && municipalityKey(a) === municipalityKey(b);
}

/**
 * Copies a published challenge into another organization for another place, as a draft that
 * points back at the original: how one solved problem spreads across municipalities.
 */
export async function replicateChallenge(
  db: Db,
  actor: User,
  originalId: string,
  target: ReplicaTarget,
): Promise<Challenge> {
  const actorId = actor.id;
  return db.transaction(async (tx) => {
    const [original] = await tx.select().from(challenges).where(eq(challenges.id, originalId));
    if (!original) throw new NotFoundError();
    const isMember = (await membershipRole(tx, actorId, target.organizationId)) !== null;
    if (!canReplicateChallenge(original, isMember)) throw new ForbiddenError();
    // A replica is the same problem somewhere else; here it would only duplicate the original.
    if (isSamePlace(original, target)) {
      throw new ValidationError({ municipality: 'challengeForm.errors.replicateSamePlace' });
    }
    const place = target.municipality ?? mexicanStateName(target.stateCode) ?? 'nacional';
    const slug = await uniqueChallengeSlug(tx, `${original.title} ${place}`);
    const [replica] = await tx
      .insert(challenges)
      .values({
        slug,
        organizationId: target.organizationId,
        authorId: actorId,
        forkedFromId: original.id,
        status: 'draft',
        title: original.title,
        pitch: original.pitch,
        problem: original.problem,
        affected: original.affected,
        currentSituation: original.currentSituation,
        successCriteria: original.successCriteria,
        skills: original.skills,
        sdgs: original.sdgs,
        dataSets: original.dataSets,
        phases: [],
        deadline: null,
        stateCode: target.stateCode,
        municipality: target.municipality,
      })
      .returning();
    await copyCriteria(tx, original.id, replica!.id);
    await recordAudit(tx, {
      actorId,
      action: 'challenge.replicate',
      subjectType: 'challenge',
      subjectId: replica!.id,
      organizationId: target.organizationId,
      after: {
        forkedFromId: original.id,
        stateCode: target.stateCode,
        municipality: target.municipality,
      },
    });
    return replica!;
  });
}

/** The published replicas of a challenge ("also faced in"), with their places. */
export async function publishedReplicas(db: Db, challengeId: string) {
  const rows = await db
    .select({
      slug: challenges.slug,
      stateCode: challenges.stateCode,
      municipality: challenges.municipality,
      status: challenges.status,
      organizationName: organizations.name,
    })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(and(eq(challenges.forkedFromId, challengeId), ne(challenges.status, 'draft')))
    .orderBy(asc(challenges.publishedAt), asc(challenges.id));
  return rows.map((row) => ({ ...row, place: placeName(row) }));
}

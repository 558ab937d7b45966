import { isDeepStrictEqual } from 'node:util';
import { and, eq, like } from 'drizzle-orm';
import { challenges, type Challenge } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import { slugify } from '../lib/index.ts';
import type { ChallengeInput } from './forms.ts';
import {
  canTransition,
  challengeTransitions,
  type ChallengeActor,
  type ChallengeTransition,
} from './lifecycle.ts';

/** A slug no other challenge has: the title's, then -2, -3… */
export async function uniqueChallengeSlug(db: Pick<Db, 'select'>, base: string): Promise<string> {
  const stem = slugify(base, 70);
  const taken = new Set(
    (
      await db
        .select({ slug: challenges.slug })
        .from(challenges)
        .where(like(challenges.slug, `${stem}%`))
    ).map((row) => row.slug),
  );
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

const editableFields = (input: ChallengeInput) => ({
  title: input.title,
  pitch: input.pitch,
  problem: input.problem,
  affected: input.affected,
  currentSituation: input.currentSituation,
  successCriteria: input.successCriteria,
  skills: input.skills,
  sdgs: input.sdgs,
  stateCode: input.stateCode,
  municipality: input.municipality,
  deadline: input.deadline,
  dataSets: input.dataSets,
  phases: input.phases,
  criteria: input.criteria,
});

/** A new draft for an organization, with its audit event, in one transaction. */
export async function createChallenge(
  db: Db,
  actorId: string,
  organizationId: string,
  input: ChallengeInput,
): Promise<Challenge> {
  return db.transaction(async (tx) => {
    const slug = await uniqueChallengeSlug(tx, input.title);
    const [created] = await tx
      .insert(challenges)
      .values({
        ...editableFields(input),
        slug,
        organizationId,
        authorId: actorId,
        status: 'draft',
      })
      .returning();
    await recordAudit(tx, {
      actorId,
      action: 'challenge.create',
      subjectType: 'challenge',
      subjectId: created!.id,
      organizationId,
      after: editableFields(input),
    });
    return created!;
  });
}

/** Saves an edit and records which fields changed, before and after. */
export async function updateChallenge(
  db: Db,
  actorId: string,
  challenge: Challenge,
  input: ChallengeInput,
) {
  const next = editableFields(input);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const old = challenge[key as keyof Challenge];
    // jsonb does not keep key order, so compare structurally.
    if (!isDeepStrictEqual(old, value)) {
      before[key] = old;
      after[key] = value;
    }
  }
  if (Object.keys(after).length === 0) return challenge;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(challenges)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(challenges.id, challenge.id))
      .returning();
    await recordAudit(tx, {
      actorId,
      action: 'challenge.update',
      subjectType: 'challenge',
      subjectId: challenge.id,
      organizationId: challenge.organizationId,
      before,
      after,
    });
    return updated!;
  });
}

/**
 * Moves a challenge along its lifecycle if the actor may; the status check is repeated inside
 * the update so two people pressing buttons at once cannot both succeed.
 */
export async function changeChallengeStatus(
  db: Db,
  actor: ChallengeActor & { id: string },
  challenge: Challenge,
  transition: ChallengeTransition,
): Promise<Challenge> {
  if (!canTransition(transition, challenge.status, actor))
    throw new ForbiddenError('challenge.errors.transitionRefused');
  const to = challengeTransitions[transition].to;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(challenges)
      .set({
        status: to,
        updatedAt: new Date(),
        ...(transition === 'publish' && !challenge.publishedAt ? { publishedAt: new Date() } : {}),
      })
      .where(and(eq(challenges.id, challenge.id), eq(challenges.status, challenge.status)))
      .returning();
    if (!updated) throw new ForbiddenError('challenge.errors.transitionRefused');
    await recordAudit(tx, {
      actorId: actor.id,
      action: `challenge.${transition}`,
      subjectType: 'challenge',
      subjectId: challenge.id,
      organizationId: challenge.organizationId,
      before: { status: challenge.status },
      after: { status: to },
    });
    return updated;
  });
}

import { isDeepStrictEqual } from 'node:util';
import { eq } from 'drizzle-orm';
import { challenges, type Challenge, type User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { membershipRole } from '../organizations/index.ts';
import { activeCriteria, criteriaForAudit, saveCriteria } from './criteria.ts';
import type { ChallengeInput } from './forms.ts';
import { isPastDeadline } from './deadline.ts';
import { retitledSlug, uniqueChallengeSlug } from './former-slugs.ts';
import { canEditChallenge, canPostChallengeFor } from './permissions.ts';
import { lockChallenge } from './status-change.ts';

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
});

/** What the audit log keeps of an edit: the fields, and the criteria by name and weight. */
const auditedFields = (input: ChallengeInput) => ({
  ...editableFields(input),
  criteria: criteriaForAudit(input.criteria),
});

const pastDeadline = () => new ValidationError({ deadline: 'challengeForm.errors.deadlinePast' });

const isMemberOf = async (tx: Pick<Tx, 'select'>, userId: string, organizationId: string) =>
  (await membershipRole(tx, userId, organizationId)) !== null;

/** A member of the organization writes a new draft for it, with its audit event. */
export async function createChallenge(
  db: Db,
  actor: User,
  organizationId: string,
  input: ChallengeInput,
): Promise<Challenge> {
  const actorId = actor.id;
  if (isPastDeadline(input.deadline)) throw pastDeadline();
  return db.transaction(async (tx) => {
    if (!canPostChallengeFor(await isMemberOf(tx, actorId, organizationId))) {
      throw new ForbiddenError('challengeForm.errors.organizationRequired');
    }
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
    await saveCriteria(tx, created!.id, input.criteria);
    await recordAudit(tx, {
      actorId,
      action: 'challenge.create',
      subjectType: 'challenge',
      subjectId: created!.id,
      organizationId,
      after: auditedFields(input),
    });
    return created!;
  });
}

/** A member of the posting organization saves an edit; the audit keeps the fields that changed. */
export async function updateChallenge(
  db: Db,
  actor: User,
  challengeId: string,
  input: ChallengeInput,
): Promise<Challenge> {
  return db.transaction(async (tx) => {
    const challenge = await lockChallenge(tx, challengeId);
    if (!challenge) throw new NotFoundError();
    if (!canEditChallenge(await isMemberOf(tx, actor.id, challenge.organizationId))) {
      throw new ForbiddenError();
    }
    // Only a deadline being set is checked: an edit leaving a passed one as it was goes through.
    if (input.deadline !== challenge.deadline && isPastDeadline(input.deadline)) {
      throw pastDeadline();
    }
    const next = editableFields(input);
    const criteria = await activeCriteria(tx, challenge.id);
    const saved = { ...challenge, criteria: criteriaForAudit(criteria) };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(auditedFields(input))) {
      const old = saved[key as keyof typeof saved];
      // jsonb does not keep key order, so compare structurally.
      if (!isDeepStrictEqual(old, value)) {
        before[key] = old;
        after[key] = value;
      }
    }
    if (Object.keys(after).length === 0) return challenge;
    if (after.criteria) await saveCriteria(tx, challenge.id, input.criteria);
    const slug = after.title ? await retitledSlug(tx, challenge, input.title) : undefined;
    if (slug) {
      before.slug = challenge.slug;
      after.slug = slug;
    }
    const [updated] = await tx
      .update(challenges)
      .set({ ...next, ...(slug ? { slug } : {}), updatedAt: new Date() })
      .where(eq(challenges.id, challenge.id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
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

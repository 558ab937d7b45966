import { eq } from 'drizzle-orm';
import { challenges, type Challenge, type ChallengeStatus } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { membershipRole } from '../organizations/index.ts';
import { isModerator } from '../people/index.ts';
import type { User } from '../../models/schema/index.ts';
import { opensPastDeadline } from './deadline.ts';
import { canTransition, challengeTransitions, type ChallengeTransition } from './lifecycle.ts';

/** The challenge's row, locked until the transaction ends: its status cannot change under us. */
export async function lockChallenge(tx: Pick<Tx, 'select'>, challengeId: string) {
  const [current] = await tx
    .select()
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .for('update');
  return current;
}

/**
 * The challenge as it is now, held for the rest of the transaction (a shared lock: its status
 * cannot change under a claim, a question or an answer being written to it).
 */
export async function holdChallenge(tx: Pick<Tx, 'select'>, challengeId: string) {
  const [challenge] = await tx
    .select()
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .for('share');
  if (!challenge) throw new NotFoundError();
  return challenge;
}

/** What another feature does, in the same transaction, when a challenge is solved or closed. */
export type ChallengeEndedHook = (
  tx: Tx,
  challenge: Challenge,
  change: { actorId: string | null; status: 'solved' | 'closed'; reason: string },
) => Promise<void>;

// Filled in by server/features.ts, so features that build on challenges need no import cycle.
const endedHooks = new Set<ChallengeEndedHook>();

/** Registers what to do when a challenge ends; registering the same hook twice is harmless. */
export function whenChallengeEnds(hook: ChallengeEndedHook): void {
  endedHooks.add(hook);
}

/**
 * The one place a challenge's status changes, with its audit event, in the caller's transaction.
 * A null actor is the system (the deadline job).
 */
export async function applyTransition(
  tx: Tx,
  actorId: string | null,
  current: Challenge,
  transition: ChallengeTransition,
  auditAfter: Record<string, unknown> = {},
): Promise<Challenge> {
  const to = challengeTransitions[transition].to;
  const now = new Date();
  const [updated] = await tx
    .update(challenges)
    .set({
      status: to,
      updatedAt: now,
      ...(transition === 'publish' && !current.publishedAt ? { publishedAt: now } : {}),
    })
    .where(eq(challenges.id, current.id))
    .returning();
  await recordAudit(tx, {
    actorId,
    action: `challenge.${transition}`,
    subjectType: 'challenge',
    subjectId: current.id,
    organizationId: current.organizationId,
    before: { status: current.status },
    after: { status: to, ...auditAfter },
  });
  if (to === 'solved' || to === 'closed') {
    const reason = typeof auditAfter.reason === 'string' ? auditAfter.reason : transition;
    for (const hook of endedHooks) await hook(tx, updated!, { actorId, status: to, reason });
  }
  return updated!;
}

/**
 * A member of the posting organization (or, for closing, a moderator) moves the challenge along
 * its lifecycle. Who they are is read inside the transaction, with the row locked, so two people
 * pressing buttons at once cannot both succeed.
 */
export async function changeChallengeStatus(
  db: Db,
  admins: Pick<Config, 'adminEmails' | 'adminGithubLogins'>,
  actor: User,
  challengeId: string,
  transition: ChallengeTransition,
): Promise<Challenge> {
  return db.transaction(async (tx) => {
    const current = await lockChallenge(tx, challengeId);
    if (!current) throw new NotFoundError();
    const role = await membershipRole(tx, actor.id, current.organizationId);
    const who = { isMember: role !== null, isModerator: isModerator(actor, admins) };
    if (!canTransition(transition, current.status, who)) {
      throw new ForbiddenError('challenge.errors.transitionRefused');
    }
    if (opensPastDeadline(transition, current)) {
      throw new ValidationError({}, 'challenge.errors.deadlinePassed');
    }
    return applyTransition(tx, actor.id, current, transition);
  });
}

/**
 * A proposal's lifecycle moves its challenge (work starts on acceptance, the challenge is solved
 * on delivery): the transition that leads from where the challenge is to `to`, if there is one.
 * A challenge elsewhere (already solved, or closed) stays where it is. Whoever changed the
 * proposal was allowed to by the proposal's lifecycle; this runs in that change's transaction.
 */
export async function followProposal(
  tx: Tx,
  actorId: string,
  challengeId: string,
  to: ChallengeStatus,
  proposalId: string,
): Promise<ChallengeStatus> {
  const current = await lockChallenge(tx, challengeId);
  if (!current) throw new NotFoundError();
  const transition = (Object.keys(challengeTransitions) as ChallengeTransition[]).find(
    (name) =>
      challengeTransitions[name].to === to &&
      (challengeTransitions[name].from as readonly ChallengeStatus[]).includes(current.status),
  );
  if (!transition) return current.status;
  return (await applyTransition(tx, actorId, current, transition, { proposalId })).status;
}

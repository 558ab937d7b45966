import type { ChallengeStatus } from '../../models/schema/index.ts';

/** Who is acting on a challenge, as far as its lifecycle cares. */
export interface ChallengeActor {
  isMember: boolean;
  isModerator: boolean;
}

type Who = 'member' | 'member_or_moderator';

interface Transition {
  from: readonly ChallengeStatus[];
  to: ChallengeStatus;
  by: Who;
}

// Every status change a challenge can make, and who may make it. Archiving is a flag, not here.
export const challengeTransitions = {
  publish: { from: ['draft'], to: 'open', by: 'member' },
  start: { from: ['open'], to: 'in_progress', by: 'member' },
  solve: { from: ['in_progress'], to: 'solved', by: 'member' },
  close: { from: ['open', 'in_progress'], to: 'closed', by: 'member_or_moderator' },
  reopen: { from: ['closed'], to: 'open', by: 'member' },
} as const satisfies Record<string, Transition>;

export type ChallengeTransition = keyof typeof challengeTransitions;

export function isChallengeTransition(name: unknown): name is ChallengeTransition {
  return typeof name === 'string' && Object.hasOwn(challengeTransitions, name);
}

function allowedActor(who: Who, actor: ChallengeActor): boolean {
  return who === 'member' ? actor.isMember : actor.isMember || actor.isModerator;
}

export function canTransition(
  name: ChallengeTransition,
  status: ChallengeStatus,
  actor: ChallengeActor,
): boolean {
  const transition: Transition = challengeTransitions[name];
  return transition.from.includes(status) && allowedActor(transition.by, actor);
}

/** The transitions this actor could make now, in the order the page offers them. */
export function availableTransitions(
  status: ChallengeStatus,
  actor: ChallengeActor,
): ChallengeTransition[] {
  return (Object.keys(challengeTransitions) as ChallengeTransition[]).filter((name) =>
    canTransition(name, status, actor),
  );
}

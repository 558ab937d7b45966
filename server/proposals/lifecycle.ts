import type { ChallengeStatus, ProposalStatus } from '../../models/schema/index.ts';

/** How the actor relates to a proposal, as far as its lifecycle cares. */
export interface LifecycleActor {
  /** The proposal's lead. */
  isLead: boolean;
  /** The lead or a member who accepted the invitation. */
  isTeamMember: boolean;
  /** A member of the organization that posted the challenge, and not on the team. */
  isChallengeMember: boolean;
  /** On the team and in the posting organization: refused the organization's part. */
  onTeamAndOrganization: boolean;
  /** A member of the organization that says it adopted the solution. */
  isAdopter: boolean;
}

type Who = 'lead' | 'team' | 'challengeOrganization' | 'adopter';

interface Transition {
  from: readonly ProposalStatus[];
  to: ProposalStatus;
  by: Who;
}

// Every status change a proposal can make, and who may make it. Adoption happens when an
// organization records that it uses the delivered solution (see the tracking feature).
export const proposalTransitions = {
  submit: { from: ['draft'], to: 'submitted', by: 'lead' },
  accept: { from: ['submitted'], to: 'accepted', by: 'challengeOrganization' },
  decline: { from: ['submitted'], to: 'declined', by: 'challengeOrganization' },
  start: { from: ['accepted'], to: 'in_progress', by: 'team' },
  confirmDelivery: { from: ['in_progress'], to: 'delivered', by: 'challengeOrganization' },
  adopt: { from: ['delivered'], to: 'adopted', by: 'adopter' },
  withdraw: {
    from: ['draft', 'submitted', 'accepted', 'in_progress'],
    to: 'withdrawn',
    by: 'team',
  },
} as const satisfies Record<string, Transition>;

export type ProposalTransition = keyof typeof proposalTransitions;

function allowed(who: Who, actor: LifecycleActor): boolean {
  if (who === 'lead') return actor.isLead;
  if (who === 'team') return actor.isTeamMember;
  if (who === 'adopter') return actor.isAdopter;
  return actor.isChallengeMember;
}

export function canTransitionProposal(
  name: ProposalTransition,
  status: ProposalStatus,
  actor: LifecycleActor,
): boolean {
  const transition: Transition = proposalTransitions[name];
  return transition.from.includes(status) && allowed(transition.by, actor);
}

/**
 * Why the actor may not make this change now, as a translation key; undefined when they may.
 * Who comes before when: a stranger is told it is not theirs to do, not that it is too late.
 */
export function transitionRefusal(
  name: ProposalTransition,
  status: ProposalStatus,
  actor: LifecycleActor,
): string | undefined {
  if (canTransitionProposal(name, status, actor)) return undefined;
  const who = proposalTransitions[name].by;
  if (!allowed(who, actor)) {
    if (who === 'challengeOrganization' && actor.onTeamAndOrganization) {
      return 'tracking.refusals.ownProposal';
    }
    return `tracking.refusals.by.${who}`;
  }
  return `tracking.refusals.status.${name}`;
}

/** Where a proposal's change takes its challenge: work starts on acceptance, ends on delivery. */
export const challengeFollows: Partial<Record<ProposalTransition, ChallengeStatus>> = {
  accept: 'in_progress',
  confirmDelivery: 'solved',
};

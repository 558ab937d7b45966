import type { ProposalStatus } from '../../models/schema/index.ts';

/** How the actor relates to a proposal, as far as its lifecycle cares. */
export interface ProposalActor {
  /** The proposal's lead. */
  isLead: boolean;
  /** The lead or a member who accepted the invitation. */
  isTeamMember: boolean;
  /** A member of the organization that owns the challenge. */
  isChallengeMember: boolean;
}

type Who = 'lead' | 'team' | 'challengeOrganization';

interface Transition {
  from: readonly ProposalStatus[];
  to: ProposalStatus;
  by: Who;
}

// Every status change a proposal can make, and who may make it. Adoption happens when an
// adoption is recorded (see the tracking feature), which is also done by an organization.
export const proposalTransitions = {
  submit: { from: ['draft'], to: 'submitted', by: 'lead' },
  accept: { from: ['submitted'], to: 'accepted', by: 'challengeOrganization' },
  decline: { from: ['submitted'], to: 'declined', by: 'challengeOrganization' },
  start: { from: ['accepted'], to: 'in_progress', by: 'team' },
  confirmDelivery: { from: ['in_progress'], to: 'delivered', by: 'challengeOrganization' },
  adopt: { from: ['delivered'], to: 'adopted', by: 'challengeOrganization' },
  withdraw: {
    from: ['draft', 'submitted', 'accepted', 'in_progress'],
    to: 'withdrawn',
    by: 'team',
  },
} as const satisfies Record<string, Transition>;

export type ProposalTransition = keyof typeof proposalTransitions;

export function isProposalTransition(name: unknown): name is ProposalTransition {
  return typeof name === 'string' && Object.hasOwn(proposalTransitions, name);
}

function allowed(who: Who, actor: ProposalActor): boolean {
  if (who === 'lead') return actor.isLead;
  if (who === 'team') return actor.isTeamMember;
  return actor.isChallengeMember;
}

export function canTransitionProposal(
  name: ProposalTransition,
  status: ProposalStatus,
  actor: ProposalActor,
): boolean {
  const transition: Transition = proposalTransitions[name];
  return transition.from.includes(status) && allowed(transition.by, actor);
}

export function availableProposalTransitions(
  status: ProposalStatus,
  actor: ProposalActor,
): ProposalTransition[] {
  return (Object.keys(proposalTransitions) as ProposalTransition[]).filter((name) =>
    canTransitionProposal(name, status, actor),
  );
}

/** What a proposal's change does to its challenge: work starts on acceptance, ends on delivery. */
export const challengeFollows: Partial<
  Record<ProposalTransition, { from: string; to: 'in_progress' | 'solved' }>
> = {
  accept: { from: 'open', to: 'in_progress' },
  confirmDelivery: { from: 'in_progress', to: 'solved' },
};

import type { SponsorshipStatus } from '../../models/schema/index.ts';

// A pledge is kept or withdrawn, once, by the office that made it.
export const sponsorshipTransitions = {
  fulfill: { from: ['pledged'], to: 'fulfilled' },
  withdraw: { from: ['pledged'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly SponsorshipStatus[]; to: SponsorshipStatus }>;

export type SponsorshipTransition = keyof typeof sponsorshipTransitions;

export function isSponsorshipTransition(name: unknown): name is SponsorshipTransition {
  return typeof name === 'string' && Object.hasOwn(sponsorshipTransitions, name);
}

/** Only members of the sponsoring office change a pledge, and only while it is pledged. */
export function canChangeSponsorship(
  name: SponsorshipTransition,
  status: SponsorshipStatus,
  actorIsOfficeMember: boolean,
): boolean {
  return (
    actorIsOfficeMember &&
    (sponsorshipTransitions[name].from as readonly SponsorshipStatus[]).includes(status)
  );
}

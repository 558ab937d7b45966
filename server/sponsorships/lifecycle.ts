import type { SponsorshipStatus } from '../../models/schema/index.ts';

/**
 * Who moves a pledge: the office that made it records its fulfilment (again after a dispute) or
 * withdraws it; the organization that receives it confirms or disputes what the office recorded.
 */
export const sponsorshipTransitions = {
  fulfill: { from: ['pledged', 'disputed'], to: 'fulfilled', side: 'office' },
  confirm: { from: ['fulfilled'], to: 'confirmed', side: 'receiver' },
  dispute: { from: ['fulfilled'], to: 'disputed', side: 'receiver' },
  withdraw: { from: ['pledged', 'disputed'], to: 'withdrawn', side: 'office' },
} as const satisfies Record<
  string,
  { from: readonly SponsorshipStatus[]; to: SponsorshipStatus; side: 'office' | 'receiver' }
>;

export type SponsorshipTransition = keyof typeof sponsorshipTransitions;

// The office may amend what it promised until it says it delivered, and again after a dispute.
export const AMENDABLE_STATUSES: readonly SponsorshipStatus[] = ['pledged', 'disputed'];

export function isSponsorshipTransition(name: unknown): name is SponsorshipTransition {
  return typeof name === 'string' && Object.hasOwn(sponsorshipTransitions, name);
}

/** Who the person is to this pledge: a member of its office, of its receiver, or neither. */
export interface PledgeSides {
  office: boolean;
  receiver: boolean;
}

/**
 * May this person move the pledge this way now? A member of both sides may act for the office
 * but never answer for the receiver: nobody confirms their own office's delivery.
 */
export function canChangeSponsorship(
  name: SponsorshipTransition,
  status: SponsorshipStatus,
  sides: PledgeSides,
): boolean {
  const transition = sponsorshipTransitions[name];
  const allowedSide = transition.side === 'office' ? sides.office : sides.receiver && !sides.office;
  return allowedSide && (transition.from as readonly SponsorshipStatus[]).includes(status);
}

/** Only the office amends its pledge, and only while it is still to be delivered. */
export function canAmendSponsorship(status: SponsorshipStatus, sides: PledgeSides): boolean {
  return sides.office && AMENDABLE_STATUSES.includes(status);
}

/** Past its promised day in Mexico with nothing delivered: the ledger shows it overdue. */
export function isOverdue(
  pledge: { status: SponsorshipStatus; dueOn: string | null },
  today: string,
): boolean {
  return pledge.status === 'pledged' && pledge.dueOn !== null && pledge.dueOn < today;
}

import type { Challenge, Organization } from '../../models/schema/index.ts';

/** Why an organization may not sponsor at all, whoever acts for it; undefined when it may. */
export function officeRefusal(
  office: Pick<Organization, 'kind' | 'verifiedAt'>,
): 'notGovernment' | 'notVerified' | undefined {
  if (office.kind !== 'government') return 'notGovernment';
  if (!office.verifiedAt) return 'notVerified';
  return undefined;
}

/** Why this person may not pledge for this office, or undefined when they may. */
export function pledgeRefusal(
  office: Pick<Organization, 'kind' | 'verifiedAt'>,
  actorIsMember: boolean,
): 'notMember' | 'notGovernment' | 'notVerified' | undefined {
  if (!actorIsMember) return 'notMember';
  return officeRefusal(office);
}

/** Sponsorship goes to published challenges that are still being worked on. */
export function canBeSponsored(challenge: Pick<Challenge, 'status'>): boolean {
  return challenge.status === 'open' || challenge.status === 'in_progress';
}

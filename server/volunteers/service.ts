import { activeClaimsOfVolunteer } from '../claims/index.ts';
import type { Db } from '../db/index.ts';
import { volunteerByLogin } from '../people/index.ts';
import { isPublicProposal } from '../proposals/index.ts';
import { solutionStatuses, teamProposalsOf } from '../teams/index.ts';

/**
 * A volunteer's public profile: who they are, what they say they work on, their public proposals
 * and the solutions they delivered; undefined for an unknown login.
 */
export async function volunteerProfile(db: Db, login: string) {
  const volunteer = await volunteerByLogin(db, login);
  if (!volunteer) return undefined;
  const [work, claims] = await Promise.all([
    teamProposalsOf(db, volunteer.id),
    activeClaimsOfVolunteer(db, volunteer.id),
  ]);
  const published = work.filter((proposal) =>
    isPublicProposal(proposal, { status: proposal.challengeStatus }),
  );
  const isSolution = (status: string) => (solutionStatuses as readonly string[]).includes(status);
  return {
    volunteer,
    claims,
    proposals: published.filter((proposal) => !isSolution(proposal.status)),
    solutions: published.filter((proposal) => isSolution(proposal.status)),
  };
}

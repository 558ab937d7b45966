import { activeClaimsOfVolunteer } from '../claims/index.ts';
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { volunteerByLogin } from '../people/index.ts';
import { isPublicProposal } from '../proposals/index.ts';
import { solutionStatuses, teamProposalsOf } from '../teams/index.ts';

/** Rows a page of each list of a profile shows. */
export const PROFILE_PAGE_SIZE = 20;

/**
 * One page of a list already filtered by rules that live in code (who may see a proposal), with
 * its count and links; a person's own rows are few enough to filter before paging.
 */
function pageOfList<T>(rows: T[], path: string, query: Record<string, unknown>, param: string) {
  const window = pageWindow(rows.length, requestedPage(query[param]), PROFILE_PAGE_SIZE);
  return {
    total: rows.length,
    rows: rows.slice(window.offset, window.offset + window.limit),
    pager: pagerLinks(path, query, param, window, param),
  };
}

/**
 * A volunteer's public profile: who they are, what they say they work on, their public proposals
 * and the solutions they delivered; undefined for an unknown login.
 */
export async function volunteerProfile(db: Db, login: string, query: Record<string, unknown>) {
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
  const path = `/voluntarios/${volunteer.githubLogin}`;
  return {
    volunteer,
    claims: pageOfList(claims, path, query, 'trabajando'),
    proposals: pageOfList(
      published.filter((proposal) => !isSolution(proposal.status)),
      path,
      query,
      'propuestas',
    ),
    solutions: pageOfList(
      published.filter((proposal) => isSolution(proposal.status)),
      path,
      query,
      'soluciones',
    ),
  };
}

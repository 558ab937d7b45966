import {
  activeCriteria,
  browseChallenges,
  challengeForViewer,
  decodeCursor,
  type BrowseCard,
  type BrowseFilters,
  type BrowseSort,
} from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { ApiError } from './api-errors.ts';
import type {
  ChallengeDetail,
  ChallengeListQuery,
  ChallengeSummary,
  challengeSummary,
} from './schemas.ts';
import type { z } from 'zod';

export const challengePath = (slug: string) => `/api/v1/challenges/${encodeURIComponent(slug)}`;

function filtersOf(query: ChallengeListQuery): BrowseFilters {
  const filters: BrowseFilters = {};
  if (query.q) filters.q = query.q.replace(/\s+/g, ' ');
  if (query.status) filters.status = query.status;
  if (query.sdg) filters.sdg = query.sdg;
  if (query.state) filters.state = query.state;
  if (query.skill) filters.skill = query.skill;
  if (query.kind) filters.kind = query.kind;
  if (query.sponsored) filters.sponsored = query.sponsored === 'true';
  return filters;
}

function summaryOf(card: BrowseCard): ChallengeSummary {
  return {
    slug: card.slug,
    url: challengePath(card.slug),
    title: card.title,
    pitch: card.pitch,
    status: card.status as ChallengeSummary['status'],
    organization: {
      name: card.organizationName,
      kind: card.organizationKind as ChallengeSummary['organization']['kind'],
      verified: card.organizationVerified,
    },
    place: card.place,
    deadline: card.deadline,
    proposalCount: card.proposals.count,
    sponsored: card.sponsored,
  } satisfies z.input<typeof challengeSummary>;
}

/** The next page's link: the same query with the cursor of where this page ended. */
function nextLink(query: ChallengeListQuery, cursor: string): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && name !== 'cursor') search.set(name, String(value));
  }
  search.set('cursor', cursor);
  return `/api/v1/challenges?${search.toString()}`;
}

/** One page of published challenges, through the same browsing /retos uses. */
export async function challengeListPage(db: Db, query: ChallengeListQuery) {
  const filters = filtersOf(query);
  // As /retos: relevance when searching, newest otherwise.
  const asked = query.sort;
  const sort: BrowseSort =
    asked === 'relevance' || asked === undefined ? (filters.q ? 'relevance' : 'newest') : asked;
  const after = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
  if (query.cursor && !after) {
    throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this list gave out.');
  }
  const page = await browseChallenges(db, { filters, sort, after, pageSize: query.limit });
  return {
    data: page.cards.map(summaryOf),
    total: page.total,
    next: page.nextCursor ? nextLink(query, page.nextCursor) : null,
  };
}

/** A published challenge as the public page shows it; drafts and hidden ones are not found. */
export async function challengeResource(db: Db, slug: string): Promise<ChallengeDetail> {
  const found = await challengeForViewer(db, slug, undefined);
  if (!found || found.challenge.archived) {
    throw new ApiError(404, 'not_found', 'No published challenge has this slug.');
  }
  const { challenge, organization } = found;
  const criteria = await activeCriteria(db, challenge.id);
  return {
    data: {
      slug: challenge.slug,
      title: challenge.title,
      pitch: challenge.pitch,
      status: challenge.status as ChallengeSummary['status'],
      problem: challenge.problem,
      affected: challenge.affected,
      currentSituation: challenge.currentSituation,
      successCriteria: challenge.successCriteria,
      organization: {
        slug: organization.slug,
        name: organization.name,
        kind: organization.kind,
        verified: organization.verifiedAt !== null,
      },
      stateCode: challenge.stateCode,
      municipality: challenge.municipality,
      sdgs: challenge.sdgs,
      skills: challenge.skills,
      deadline: challenge.deadline,
      publishedAt: challenge.publishedAt?.toISOString() ?? null,
      phases: challenge.phases,
      criteria: criteria.map(({ name, weight }) => ({ name, weight })),
      dataSets: challenge.dataSets,
    },
  };
}

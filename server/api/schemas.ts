import { z } from 'zod';
import { mexicanStates } from '../../models/mexican-states.ts';

// The shapes of /api/v1: one zod schema each, used to read queries, to shape answers, and to write
// the OpenAPI document, so the document cannot drift from what the API sends.

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

const stateCodes = mexicanStates.map((state) => state.code) as [string, ...string[]];
const challengeStatus = z.enum(['open', 'in_progress', 'solved', 'closed']);
const organizationKind = z.enum(['community', 'ngo', 'government', 'academic']);

export const apiError = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'not_found' }),
      message: z.string(),
    }),
  })
  .meta({ id: 'Error' });

export const challengeListQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().meta({ description: 'Full-text search' }),
  status: challengeStatus.optional(),
  sdg: z.coerce.number().int().min(1).max(17).optional(),
  state: z
    .enum([...stateCodes, 'national'])
    .optional()
    .meta({ description: 'INEGI state key, or national for challenges with no state' }),
  skill: z.string().trim().min(1).max(50).optional(),
  kind: organizationKind.optional(),
  sponsored: z.enum(['true', 'false']).optional(),
  sort: z.enum(['relevance', 'newest', 'deadline', 'proposals', 'prize']).optional(),
  cursor: z.string().max(400).optional().meta({ description: 'The cursor of a next link' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
});
export type ChallengeListQuery = z.infer<typeof challengeListQuery>;

const organizationSummary = z.object({
  name: z.string(),
  kind: organizationKind,
  verified: z.boolean(),
});

export const challengeSummary = z
  .object({
    slug: z.string(),
    url: z.string().meta({ description: 'The challenge in this API' }),
    title: z.string(),
    pitch: z.string(),
    status: challengeStatus,
    organization: organizationSummary,
    place: z.string().nullable(),
    deadline: z.iso.date().nullable(),
    proposalCount: z.int().min(0),
    sponsored: z.boolean(),
  })
  .meta({ id: 'ChallengeSummary' });

export const challengeList = z
  .object({
    data: z.array(challengeSummary),
    total: z.int().min(0),
    next: z.string().nullable().meta({ description: 'The next page, or null on the last one' }),
  })
  .meta({ id: 'ChallengeList' });

export const challengeDetail = z
  .object({
    data: z.object({
      slug: z.string(),
      title: z.string(),
      pitch: z.string(),
      status: challengeStatus,
      problem: z.string().meta({ description: 'Markdown' }),
      affected: z.string(),
      currentSituation: z.string(),
      successCriteria: z.string(),
      organization: organizationSummary.extend({ slug: z.string() }),
      stateCode: z.enum(stateCodes).nullable().meta({ description: 'INEGI state key' }),
      municipality: z.string().nullable(),
      sdgs: z.array(z.int().min(1).max(17)),
      skills: z.array(z.string()),
      deadline: z.iso.date().nullable(),
      publishedAt: z.iso.datetime().nullable(),
      phases: z.array(z.object({ name: z.string(), startsOn: z.string(), endsOn: z.string() })),
      criteria: z.array(z.object({ name: z.string(), weight: z.int() })),
      dataSets: z.array(z.object({ title: z.string(), url: z.string() })),
    }),
  })
  .meta({ id: 'ChallengeDetail' });

export type ChallengeSummary = z.infer<typeof challengeSummary>;
export type ChallengeDetail = z.infer<typeof challengeDetail>;

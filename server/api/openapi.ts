import { createDocument } from 'zod-openapi';
import { z } from 'zod';
import { apiError, challengeDetail, challengeList, challengeListQuery } from './schemas.ts';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const errors = {
  '400': json(apiError, 'A query parameter or value is not valid'),
  '429': json(apiError, 'Too many requests from this address'),
};

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 document of /api/v1, built from the schemas the responses are shaped by. */
export function openApiDocument() {
  cached ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Retos API',
      version: '1.0.0',
      description: 'Public, read-only data of Retos: challenges posted by Mexican communities.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/v1/challenges': {
        get: {
          operationId: 'listChallenges',
          summary: 'Published challenges, with the filters and search of /retos',
          requestParams: { query: challengeListQuery },
          responses: { '200': json(challengeList, 'One page of challenges'), ...errors },
        },
      },
      '/api/v1/challenges/{slug}': {
        get: {
          operationId: 'getChallenge',
          summary: 'One published challenge',
          requestParams: { path: z.object({ slug: z.string() }) },
          responses: {
            '200': json(challengeDetail, 'The challenge'),
            '404': json(apiError, 'No published challenge has this slug'),
            ...errors,
          },
        },
      },
    },
  });
  return cached;
}

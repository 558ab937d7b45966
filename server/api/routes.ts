import { Router, type Request } from 'express';
import type { Db } from '../db/index.ts';
import { ApiError, apiErrorHandler, apiNotFound } from './api-errors.ts';
import {
  apiRateLimit,
  defaultApiRateLimit,
  openCors,
  publicCache,
  readOnly,
  type ApiRateLimit,
} from './api-headers.ts';
import { challengeListPage, challengeResource } from './challenge-resources.ts';
import { openApiDocument } from './openapi.ts';
import { challengeListQuery } from './schemas.ts';

/** A query that names an unknown parameter or value is a 400, not a silently wider list. */
function listQuery(req: Request) {
  const parsed = challengeListQuery.safeParse(req.query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || (issue && 'keys' in issue ? issue.keys.join(', ') : '');
  throw new ApiError(400, 'invalid_query', `The query parameter ${where} is not valid.`);
}

/**
 * /api/v1 and /api/openapi.json: public, read-only JSON. Mounted before sessions, so a reader
 * never gets a cookie, a session row or a CSRF check; ETags and 304s come from Express.
 */
export function apiRoutes(db: Db, rateLimit: ApiRateLimit = defaultApiRateLimit): Router {
  const router = Router();
  // Whole paths on one router, so the route table (and the fuzz test walking it) sees them.
  router.use('/api/v1', openCors, readOnly, apiRateLimit(db, rateLimit), publicCache);
  router.get('/api/v1/challenges', async (req, res) => {
    res.json(await challengeListPage(db, listQuery(req)));
  });
  router.get('/api/v1/challenges/:slug', async (req, res) => {
    res.json(await challengeResource(db, req.params.slug));
  });
  router.use('/api/v1', apiNotFound);
  router.use('/api/v1', apiErrorHandler);

  router.get('/api/openapi.json', openCors, publicCache, (_req, res) => {
    res.json(openApiDocument());
  });
  return router;
}

import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Db } from '../db/index.ts';
import { TooManyRequestsError } from '../errors.ts';
import { DatabaseRateLimitStore } from './rate-limit-store.ts';

export interface RateLimitSettings {
  windowMs: number;
  limit: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Limits state-changing requests per client address. Reading is not limited here: a counter
 * write on every page view would slow reading for everyone; put reads behind the proxy's limits.
 */
export function writeRateLimit(db: Db, settings: RateLimitSettings): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(db, 'write'),
    skip: (req) => SAFE_METHODS.has(req.method),
    handler: (_req, _res, next) => next(new TooManyRequestsError()),
  });
}

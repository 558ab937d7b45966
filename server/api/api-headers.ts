import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Db } from '../db/index.ts';
import { DatabaseRateLimitStore } from '../http/index.ts';
import { ApiError } from './api-errors.ts';

export interface ApiRateLimit {
  windowMs: number;
  limit: number;
}

export const defaultApiRateLimit: ApiRateLimit = { windowMs: 60_000, limit: 120 };

/** Open to every origin: the data is public and the API never reads cookies. */
export const openCors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'If-None-Match');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, RateLimit, RateLimit-Policy, Retry-After');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};

/** Read-only: anything but GET and HEAD is refused before it reaches a handler. */
export const readOnly: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  res.setHeader('Allow', 'GET, HEAD, OPTIONS');
  next(new ApiError(405, 'method_not_allowed', 'This API is read-only.'));
};

/** Short public caching: answers change as challenges do, and ETags make revalidation cheap. */
export const publicCache: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'public, max-age=60');
  next();
};

/** Per-address limits in the shared counters table, with the standard RateLimit headers. */
export function apiRateLimit(db: Db, settings: ApiRateLimit): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(db, 'api'),
    handler: (_req, res, next) => {
      if (!res.hasHeader('Retry-After'))
        res.setHeader('Retry-After', String(settings.windowMs / 1000));
      next(new ApiError(429, 'too_many_requests', 'Too many requests; wait and try again.'));
    },
  });
}

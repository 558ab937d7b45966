import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Db } from '../db/index.ts';
import { TooManyRequestsError } from '../errors.ts';
import { DatabaseRateLimitStore } from '../http/index.ts';
import { normalizeEmail } from './sign-in-service.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface SignInLimits {
  perAddressPerHour: number;
  perIpPerHour: number;
}

export const defaultSignInLimits: SignInLimits = { perAddressPerHour: 5, perIpPerHour: 30 };

/** Sign-in links cost an email each: limit them per address and per client address. */
export function signInLinkLimits(db: Db, limits: SignInLimits): RequestHandler[] {
  const common = {
    windowMs: HOUR_MS,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    handler: (_req: unknown, _res: unknown, next: (error: unknown) => void) =>
      next(new TooManyRequestsError()),
  };
  return [
    rateLimit({
      ...common,
      limit: limits.perIpPerHour,
      store: new DatabaseRateLimitStore(db, 'sign-in-ip'),
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    }),
    rateLimit({
      ...common,
      limit: limits.perAddressPerHour,
      store: new DatabaseRateLimitStore(db, 'sign-in-address'),
      keyGenerator: (req) => {
        const email = (req.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? normalizeEmail(email) : '';
      },
      // Malformed addresses are refused by the form before any mail is sent.
      skip: (req) => typeof (req.body as { email?: unknown } | undefined)?.email !== 'string',
    }),
  ];
}

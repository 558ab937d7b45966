import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Db } from '../db/index.ts';
import { TooManyRequestsError } from '../errors.ts';
import { DatabaseRateLimitStore } from '../http/index.ts';
import { hasRecentSignInLink } from './email-link-service.ts';
import { safeReturnTo } from './return-to.ts';
import { normalizeEmail } from './sign-in-service.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface SignInLimits {
  /** Links one client may ask for one address: an outsider's requests never count against you. */
  perAddressAndClientPerHour: number;
  /** Links one address receives from every client together, so nobody can flood an inbox. */
  perAddressPerHour: number;
  /** Requests one client address may make, whatever the addresses asked for. */
  perIpPerHour: number;
  /** Asking again this soon is answered "we already sent you a link", and sends nothing. */
  resendAfterSeconds: number;
}

export const defaultSignInLimits: SignInLimits = {
  perAddressAndClientPerHour: 5,
  perAddressPerHour: 20,
  perIpPerHour: 30,
  resendAfterSeconds: 60,
};

const emailIn = (req: Request): string | undefined => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  // Longer than any address: the form refuses it, and it should not become a counter's key.
  return typeof email === 'string' && email.length <= 320 ? normalizeEmail(email) : undefined;
};

const clientKey = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** Set by signInLinkLimits when a link for the address went out moments ago. */
export const RECENT_LINK = 'signInLinkRecent';

/**
 * Sign-in links cost an email each: limited per client, per address and client together, and
 * per address. A repeat within moments is not counted: the handler answers it without mail.
 */
export function signInLinkLimits(db: Db, limits: SignInLimits): RequestHandler[] {
  const common = {
    windowMs: HOUR_MS,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    // express-rate-limit has already set Retry-After to what is left of the window.
    handler: (_req: unknown, _res: unknown, next: (error: unknown) => void) =>
      next(new TooManyRequestsError()),
  };
  // Malformed addresses are refused by the form before any mail is sent; repeats send none.
  const skipAddress = (req: Request, res: { locals: Record<string, unknown> }) =>
    emailIn(req) === undefined || res.locals[RECENT_LINK] === true;
  const markRecent: RequestHandler = async (req, res, next) => {
    const email = emailIn(req);
    // The destination as the handler stores it: asking to land elsewhere is a new request.
    const returnTo = safeReturnTo((req.body as { volver?: unknown } | undefined)?.volver, '');
    const within = limits.resendAfterSeconds;
    if (email && (await hasRecentSignInLink(db, email, returnTo || null, within))) {
      res.locals[RECENT_LINK] = true;
    }
    next();
  };
  return [
    rateLimit({
      ...common,
      limit: limits.perIpPerHour,
      store: new DatabaseRateLimitStore(db, 'sign-in-ip'),
      keyGenerator: clientKey,
    }),
    markRecent,
    rateLimit({
      ...common,
      limit: limits.perAddressAndClientPerHour,
      store: new DatabaseRateLimitStore(db, 'sign-in-address-client'),
      keyGenerator: (req) => `${clientKey(req)} ${emailIn(req)}`,
      skip: skipAddress,
    }),
    rateLimit({
      ...common,
      limit: limits.perAddressPerHour,
      store: new DatabaseRateLimitStore(db, 'sign-in-address'),
      keyGenerator: (req) => emailIn(req) ?? '',
      skip: skipAddress,
    }),
  ];
}

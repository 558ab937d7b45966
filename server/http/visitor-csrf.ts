import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';

// CSRF tokens for visitors who have no session (the sign-in form, a sign-in link's button), so
// reading those pages stores nothing: a signed double-submit cookie. The cookie holds a random
// value; the form carries its HMAC under the session secret, which only the server can compute.
// A request from another site cannot read either. In production the cookie is `__Host-`, so no
// other host (a sibling subdomain) can plant a value of its own. Signed-in requests never take
// these tokens: they keep the session-bound ones.

const NONCE_BYTES = 18;
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export interface VisitorCsrf {
  /** The token for a form, setting the visitor's cookie if it has none yet. */
  token(req: Request, res: Response): string;
  /** Whether the submitted token is the one for the visitor's cookie. */
  isValid(req: Request, submitted: string | undefined): boolean;
}

export function visitorCsrf(secret: string, options: { secure: boolean }): VisitorCsrf {
  const cookieName = options.secure ? '__Host-retos.csrf' : 'retos.csrf';
  const sign = (nonce: string) =>
    createHmac('sha256', secret).update(`visitor-csrf:${nonce}`).digest('base64url');
  const nonceOf = (req: Request): string | undefined => {
    const value = parseCookies(req.headers.cookie ?? '')[cookieName];
    return value && /^[A-Za-z0-9_-]{24}$/.test(value) ? value : undefined;
  };
  return {
    token(req, res) {
      let nonce = nonceOf(req) ?? (res.locals.visitorCsrfNonce as string | undefined);
      if (!nonce) {
        nonce = randomBytes(NONCE_BYTES).toString('base64url');
        // One value per response, however many forms the page draws.
        res.locals.visitorCsrfNonce = nonce;
        res.cookie(cookieName, nonce, {
          httpOnly: true,
          sameSite: 'lax',
          secure: options.secure,
          path: '/',
          maxAge: ONE_DAY_MS,
        });
      }
      return sign(nonce);
    },
    isValid(req, submitted) {
      const nonce = nonceOf(req);
      if (!nonce || typeof submitted !== 'string') return false;
      const expected = Buffer.from(sign(nonce));
      const given = Buffer.from(submitted);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

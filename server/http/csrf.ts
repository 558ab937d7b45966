import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import { CsrfError } from '../errors.ts';
import { visitorCsrf } from './visitor-csrf.ts';

const { csrfSynchronisedProtection, generateToken, getTokenFromRequest, isRequestValid } = csrfSync(
  {
    // Forms post the token as a hidden field; scripts may send it as a header.
    getTokenFromRequest: (req) =>
      (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined) ??
      (req.headers['x-csrf-token'] as string | undefined),
  },
);

// One-click unsubscribe (RFC 8058): mail programs POST without a cookie or a token; the signed
// token in the path is what authorises the change.
const exempt = /^\/avisos\/baja\/[^/]+$/;

const IGNORED_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether the visitor's session holds anything (a token, OAuth state, a sign-in): it is stored
 * anyway, so forms use its token. An empty one is new and, left empty, is never stored.
 */
const sessionInUse = (req: Request) =>
  Object.keys(req.session ?? {}).some((key) => key !== 'cookie');

/**
 * The CSRF middleware pair. Signed-in people and anyone whose session is in use get
 * session-bound tokens (csrf-sync); a visitor with neither gets a signed cookie instead
 * (see visitor-csrf.ts), so showing them a form writes no session row.
 */
export function csrfMiddleware(options: { secret: string; secure: boolean }): {
  protection: RequestHandler;
  exposeToken: RequestHandler;
} {
  const visitor = visitorCsrf(options.secret, options);

  /** Refuses every state-changing request whose token matches neither the session nor the visitor. */
  const protection: RequestHandler = (req, res, next) => {
    if (req.method === 'POST' && exempt.test(req.path)) return next();
    if (IGNORED_METHODS.has(req.method)) return next();
    if (isRequestValid(req)) return next();
    if (!req.user && visitor.isValid(req, getTokenFromRequest(req) ?? undefined)) return next();
    csrfSynchronisedProtection(req, res, (error?: unknown) =>
      next(error ? new CsrfError() : undefined),
    );
  };

  /**
   * Views ask for the token only when they render a form, so a visitor who only reads pages
   * gets no cookie at all, and one shown a form gets a cookie but no session.
   */
  const exposeToken: RequestHandler = (req, res, next) => {
    res.locals.csrfToken = () =>
      req.user || sessionInUse(req)
        ? generateToken(req as Request, false)
        : visitor.token(req, res);
    next();
  };

  return { protection, exposeToken };
}

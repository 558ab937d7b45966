import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import { CsrfError } from '../errors.ts';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  // Forms post the token as a hidden field; scripts may send it as a header.
  getTokenFromRequest: (req) =>
    (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined) ??
    (req.headers['x-csrf-token'] as string | undefined),
});

// One-click unsubscribe (RFC 8058): mail programs POST without a cookie or a token; the signed
// token in the path is what authorises the change.
const exempt = /^\/avisos\/baja\/[^/]+$/;

/** Refuses every state-changing request whose token does not match the session's. */
export const csrfProtection: RequestHandler = (req, res, next) => {
  if (req.method === 'POST' && exempt.test(req.path)) return next();
  csrfSynchronisedProtection(req, res, (error?: unknown) =>
    next(error ? new CsrfError() : undefined),
  );
};

/**
 * Views ask for the token only when they render a form, so a visitor who only reads pages
 * never gets a session.
 */
export const exposeCsrfToken: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = () => generateToken(req as Request, false);
  next();
};

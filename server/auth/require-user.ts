import type { RequestHandler } from 'express';

/** Pages for signed-in people: anyone else is sent to sign in and brought back afterwards. */
export const requireUser: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    return res.redirect(303, `/entrar?volver=${encodeURIComponent(req.originalUrl)}`);
  }
  res.redirect(303, '/entrar');
};

import { Router, type NextFunction, type Request, type Response } from 'express';
import type { User } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { SESSION_COOKIE, formErrors } from '../http/index.ts';
import type { EmailLinkDeps } from './email-link-service.ts';
import { sendSignInLink } from './email-link-service.ts';
import { signInEmailForm } from './forms.ts';
import type { GithubSettings } from '../github/index.ts';
import { usableLoginTokenEmail } from './login-tokens.ts';
import type { AppPassport } from './passport.ts';
import { RECENT_LINK, signInLinkLimits, type SignInLimits } from './rate-limits.ts';
import { afterEmailSignIn, namePromptRoutes } from './name-prompt-routes.ts';
import { safeReturnTo } from './return-to.ts';
import { accountNameForEmail } from './sign-in-service.ts';

export interface AuthRoutesDeps extends EmailLinkDeps {
  db: Db;
  passport: AppPassport;
  github: GithubSettings;
  signInLimits: SignInLimits;
}

function renderSignIn(req: Request, res: Response, extra: Record<string, unknown> = {}) {
  const returnTo = safeReturnTo(req.query.volver ?? req.body?.volver, '');
  res.render('auth/sign-in', {
    pageTitle: req.t('auth.signIn.title'),
    current: 'sign-in',
    returnTo,
    githubUrl: returnTo ? `/auth/github?volver=${encodeURIComponent(returnTo)}` : '/auth/github',
    ...extra,
  });
}

/** Signs the user in with a fresh session (passport regenerates it) and goes back. */
function logInAndReturn(
  req: Request,
  res: Response,
  next: NextFunction,
  user: User,
  returnTo: unknown,
  then: (path: string) => string = (path) => path,
) {
  req.logIn(user, (error) => {
    if (error) return next(error);
    res.redirect(303, then(safeReturnTo(returnTo)));
  });
}

export function authRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const { passport } = deps;

  router.get('/entrar', (req, res) => {
    if (req.user) return res.redirect(303, safeReturnTo(req.query.volver, '/cuenta'));
    const failed = req.query.fallo === 'github';
    if (failed) res.status(403);
    renderSignIn(req, res, { githubDemo: deps.github.demo, githubFailed: failed });
  });

  router.post('/entrar', ...signInLinkLimits(deps.db, deps.signInLimits), async (req, res) => {
    const parsed = signInEmailForm.safeParse(req.body);
    if (!parsed.success) {
      res.status(422);
      return renderSignIn(req, res, {
        githubDemo: deps.github.demo,
        values: { email: typeof req.body?.email === 'string' ? req.body.email : '' },
        errors: formErrors(parsed.error, req.t),
      });
    }
    if (res.locals[RECENT_LINK] === true) {
      // A second click or an impatient retry: the first link is on its way, send no other.
      return res.render('auth/link-already-sent', {
        pageTitle: req.t('auth.linkAlreadySent.title'),
        email: parsed.data.email,
      });
    }
    const returnTo = safeReturnTo(parsed.data.volver, '') || null;
    await sendSignInLink(deps, parsed.data.email, returnTo, req.language);
    res.render('auth/link-sent', {
      pageTitle: req.t('auth.linkSent.title'),
      email: parsed.data.email,
    });
  });

  // Opening the link only shows a button: mail scanners that follow links cannot use it up.
  router.get('/entrar/enlace', async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    const email = token ? await usableLoginTokenEmail(deps.db, token) : undefined;
    if (!email) {
      res.status(410);
      return res.render('auth/link-invalid', { pageTitle: req.t('auth.linkInvalid.title') });
    }
    // Naming the account lets someone sent another person's link notice before using it.
    res.render('auth/link-confirm', {
      pageTitle: req.t('auth.linkConfirm.title'),
      token,
      email,
      name: await accountNameForEmail(deps.db, email),
    });
  });

  router.post('/entrar/enlace', (req, res, next) => {
    passport.authenticate(
      'email-link',
      (error: unknown, user: User | false, info?: { returnTo?: string | null }) => {
        if (error) return next(error);
        if (!user) {
          res.status(410);
          return res.render('auth/link-invalid', { pageTitle: req.t('auth.linkInvalid.title') });
        }
        logInAndReturn(req, res, next, user, info?.returnTo, (path) =>
          afterEmailSignIn(user, path),
        );
      },
    )(req, res, next);
  });

  router.get('/auth/github', (req, res, next) => {
    const returnTo = safeReturnTo(req.query.volver, '');
    if (returnTo) req.session.returnTo = returnTo;
    passport.authenticate('github', { scope: ['user:email'] })(req, res, next);
  });

  router.get('/auth/github/callback', (req, res, next) => {
    passport.authenticate('github', (error: unknown, user: User | false) => {
      if (error) return next(error);
      if (!user) return res.redirect(303, '/entrar?fallo=github');
      const returnTo = req.session.returnTo;
      logInAndReturn(req, res, next, user, returnTo);
    })(req, res, next);
  });

  router.use(namePromptRoutes(deps.db));

  router.post('/salir', (req, res, next) => {
    const returnTo = safeReturnTo(req.body?.volver);
    req.logout((error) => {
      if (error) return next(error);
      req.session.destroy((destroyError) => {
        if (destroyError) return next(destroyError);
        res.clearCookie(SESSION_COOKIE);
        // "Sign out and sign in as someone else" comes back to the page it was asked from.
        res.redirect(303, returnTo);
      });
    });
  });

  return router;
}

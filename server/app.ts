import compression from 'compression';
import express, { type Express, type Router } from 'express';
import session from 'express-session';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import { accountRoutes } from './accounts/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { browseRoutes } from './challenges/browse-routes.ts';
import { challengeRoutes } from './challenges/routes.ts';
import { githubSettings } from './auth/github-settings.ts';
import { createPassport } from './auth/passport.ts';
import { defaultSignInLimits, type SignInLimits } from './auth/rate-limits.ts';
import { demoGithub } from './dev/demo-github.ts';
import { devMailRoutes } from './dev/mail-routes.ts';
import { healthRoutes } from './health/routes.ts';
import { currentUserLocals } from './http/current-user.ts';
import { csrfProtection, exposeCsrfToken } from './http/csrf.ts';
import { errorHandler, notFound } from './http/error-handler.ts';
import { languageMiddleware, userLanguageMiddleware } from './http/language.ts';
import { writeRateLimit, type RateLimitSettings } from './http/rate-limit.ts';
import { requestLogger } from './http/request-logger.ts';
import { securityHeaders } from './http/security.ts';
import { SESSION_COOKIE } from './http/session-cookie.ts';
import { DatabaseSessionStore } from './http/session-store.ts';
import { createTranslator, type Translator } from './i18n/index.ts';
import type { Logger } from './logger.ts';
import { outboxDir } from './mail/mailer.ts';
import { wakeOutboxAfterWrites } from './http/wake-outbox.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { pagesRoutes } from './pages/routes.ts';
import { sponsorshipRoutes } from './sponsorships/routes.ts';
import { claimRoutes } from './claims/routes.ts';
import { questionRoutes } from './questions/routes.ts';
import { dashboardRoutes } from './dashboards/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { proposalRoutes } from './proposals/routes.ts';
import { reviewRoutes } from './proposals/review-routes.ts';
import { trackingRoutes } from './proposals/tracking-routes.ts';
import type { FeatureDeps } from './feature-deps.ts';
import { configureViews } from './views/engine.ts';
import { volunteerRoutes } from './volunteers/routes.ts';
import { publicDir } from './views/paths.ts';

export { SESSION_COOKIE };
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  translator?: Translator;
  /** The process's outbox worker, woken after each write; without one, mail waits for a poll. */
  outboxWorker?: { wake(): void };
  writeRateLimit?: RateLimitSettings;
  signInLimits?: SignInLimits;
  /** Feature routers mounted after the built-in ones (tests use it for probes). */
  routers?: Router[];
}

/** Builds the whole request pipeline; it never listens, so tests run it in-process. */
export function createApp(deps: AppDeps): Express {
  const { config, database, logger } = deps;
  const translator = deps.translator ?? createTranslator();
  const production = config.isProduction;
  const github = githubSettings(config);
  const demo = github.demo ? demoGithub() : undefined;
  const passport = createPassport(database.db, config, github);
  const app = express();

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  configureViews(app, { cache: production });
  app.locals.siteName = 'Retos';

  app.use(requestLogger(logger));
  app.use(wakeOutboxAfterWrites(deps.outboxWorker));
  app.use(securityHeaders({ production }));
  app.use(compression());
  app.use(
    express.static(publicDir, {
      maxAge: production ? '7d' : 0,
      index: false,
      redirect: false,
    }),
  );
  app.use(healthRoutes(database));

  app.use(express.urlencoded({ extended: false, limit: '200kb' }));
  app.use(express.json({ limit: '200kb' }));
  app.use(languageMiddleware(translator, { secureCookies: production }));
  // The demo GitHub's token and API endpoints are called server to server: no session, no CSRF.
  if (demo) app.use(demo.api);
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: config.sessionSecret,
      store: new DatabaseSessionStore(database.db),
      resave: false,
      // Readers who never sign in or post a form get no session row and no cookie.
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: production, maxAge: THIRTY_DAYS_MS },
    }),
  );
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(userLanguageMiddleware(translator));
  app.use(currentUserLocals(config));
  app.use(writeRateLimit(database.db, deps.writeRateLimit ?? { windowMs: 60_000, limit: 60 }));
  app.use(csrfProtection);
  app.use(exposeCsrfToken);

  app.use(pagesRoutes(database.db));
  app.use(
    authRoutes({
      db: database.db,
      passport,
      github,
      config,
      signInLimits: deps.signInLimits ?? defaultSignInLimits,
    }),
  );
  app.use(accountRoutes(database.db, config));
  const feature: FeatureDeps = { db: database.db, config, translator, logger };
  app.use(browseRoutes(feature));
  app.use(challengeRoutes(feature));
  app.use(organizationRoutes(feature));
  app.use(sponsorshipRoutes(feature));
  app.use(claimRoutes(feature));
  app.use(questionRoutes(feature));
  app.use(proposalRoutes(feature));
  app.use(reviewRoutes(feature));
  app.use(trackingRoutes(feature));
  app.use(dashboardRoutes(feature));
  app.use(notificationRoutes(feature));
  app.use(adminRoutes(feature));
  app.use(volunteerRoutes(database.db));
  if (demo) app.use(demo.pages);
  if (!production) app.use(devMailRoutes(outboxDir(config)));
  for (const router of deps.routers ?? []) app.use(router);

  app.use(notFound);
  app.use(errorHandler({ translator, showStack: config.env === 'development' }));
  return app;
}

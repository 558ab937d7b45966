import compression from 'compression';
import express, { type Express, type Router } from 'express';
import session from 'express-session';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import {
  authRoutes,
  createPassport,
  defaultSignInLimits,
  type SignInLimits,
} from './auth/index.ts';
import { githubSettings } from './github/index.ts';
import { apiRoutes, type ApiRateLimit } from './api/index.ts';
import { healthRoutes } from './health/index.ts';
import {
  acceptedBodyTypes,
  BODY_LIMIT,
  currentUserLocals,
  csrfMiddleware,
  errorHandler,
  notFound,
  languageMiddleware,
  userLanguageMiddleware,
  writeRateLimit,
  type RateLimitSettings,
  requestLogger,
  securityHeaders,
  SESSION_COOKIE,
  DatabaseSessionStore,
  wakeOutboxAfterWrites,
  storableBodies,
  storableQuery,
  unreadablePathsNotFound,
  staticFiles,
} from './http/index.ts';
import { createTranslator, type Translator } from './i18n/index.ts';
import type { Logger } from './logger.ts';
import { configureViews, publicDir } from './views/index.ts';
import { featureRoutes } from './features.ts';

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
  apiRateLimit?: ApiRateLimit;
  /** Overrides of the sign-in link limits; the rest keep their defaults. */
  signInLimits?: Partial<SignInLimits>;
  /** Development's demo GitHub and outbox reader (server/dev); never given in production. */
  devTools?: { api: Router[]; pages: Router[] };
  /** Feature routers mounted after the built-in ones (tests use it for probes). */
  routers?: Router[];
}

/** Builds the whole request pipeline; it never listens, so tests run it in-process. */
export function createApp(deps: AppDeps): Express {
  const { config, database, logger } = deps;
  const translator = deps.translator ?? createTranslator();
  const production = config.isProduction;
  const github = githubSettings(config);
  const devTools = production ? undefined : deps.devTools;
  const passport = createPassport(database.db, config, github);
  const app = express();

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', storableQuery);
  configureViews(app, { cache: production });
  app.locals.siteName = 'Retos';

  app.use(requestLogger(logger));
  app.use(wakeOutboxAfterWrites(deps.outboxWorker));
  app.use(securityHeaders({ production }));
  app.use(unreadablePathsNotFound);
  app.use(compression());
  app.use(staticFiles(publicDir, { production }));
  app.use(healthRoutes(database));
  // The JSON API is read by scripts: no language cookie, no session, no CSRF.
  app.use(apiRoutes(database.db, deps.apiRateLimit));

  app.use(languageMiddleware(translator, { secureCookies: production }));
  // The demo GitHub's token and API endpoints are called server to server: no session, no CSRF.
  for (const router of devTools?.api ?? []) app.use(router);
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
  // Counted before any body is read: a flood of large bodies is refused, not parsed.
  app.use(writeRateLimit(database.db, deps.writeRateLimit ?? { windowMs: 60_000, limit: 60 }));
  // Bodies are read once the person is known, so even a refused body gets the signed-in page.
  app.use(acceptedBodyTypes);
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT }));
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(storableBodies);
  const csrf = csrfMiddleware({ secret: config.sessionSecret, secure: production });
  app.use(csrf.protection);
  app.use(csrf.exposeToken);

  app.use(
    authRoutes({
      db: database.db,
      passport,
      github,
      config,
      signInLimits: { ...defaultSignInLimits, ...deps.signInLimits },
    }),
  );
  app.use(featureRoutes({ db: database.db, config, translator, logger }));
  for (const router of devTools?.pages ?? []) app.use(router);
  for (const router of deps.routers ?? []) app.use(router);

  app.use(notFound);
  app.use(errorHandler({ translator, showStack: config.env === 'development' }));
  return app;
}

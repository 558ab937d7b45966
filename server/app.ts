import compression from 'compression';
import express, { type Express, type Router } from 'express';
import session from 'express-session';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import { healthRoutes } from './health/routes.ts';
import { csrfProtection, exposeCsrfToken } from './http/csrf.ts';
import { errorHandler, notFound } from './http/error-handler.ts';
import { languageMiddleware } from './http/language.ts';
import { writeRateLimit, type RateLimitSettings } from './http/rate-limit.ts';
import { requestLogger } from './http/request-logger.ts';
import { securityHeaders } from './http/security.ts';
import { DatabaseSessionStore } from './http/session-store.ts';
import { createTranslator, type Translator } from './i18n/index.ts';
import type { Logger } from './logger.ts';
import { pagesRoutes } from './pages/routes.ts';
import { configureViews } from './views/engine.ts';
import { publicDir } from './views/paths.ts';

export const SESSION_COOKIE = 'retos.sid';
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

export interface AppDeps {
  config: Config;
  database: Database;
  logger: Logger;
  translator?: Translator;
  writeRateLimit?: RateLimitSettings;
  /** Feature routers mounted after the built-in ones (tests use it for probes). */
  routers?: Router[];
}

/** Builds the whole request pipeline; it never listens, so tests run it in-process. */
export function createApp(deps: AppDeps): Express {
  const { config, database, logger } = deps;
  const translator = deps.translator ?? createTranslator();
  const production = config.isProduction;
  const app = express();

  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  configureViews(app, { cache: production });
  app.locals.siteName = 'Retos';

  app.use(requestLogger(logger));
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
  app.use(writeRateLimit(database.db, deps.writeRateLimit ?? { windowMs: 60_000, limit: 60 }));
  app.use(csrfProtection);
  app.use(exposeCsrfToken);

  app.use(pagesRoutes(database.db));
  for (const router of deps.routers ?? []) app.use(router);

  app.use(notFound);
  app.use(errorHandler({ translator, showStack: config.env === 'development' }));
  return app;
}

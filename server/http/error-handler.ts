import type { ErrorRequestHandler, RequestHandler } from 'express';
import { constraintOf, isDatabaseUnavailable, isRejectedData, sqlStateOf } from '../db/index.ts';
import { defaultLanguage, type Translator } from '../i18n/index.ts';
import {
  BadRequestError,
  ConflictError,
  HttpError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from '../errors.ts';
import { BODY_LIMIT_MEGABYTES } from './body-limit.ts';

// Statuses with their own title and message; any other is shown as the generic failure.
const TITLED_STATUSES = [400, 403, 404, 409, 413, 415, 422, 429, 503];

export const notFound: RequestHandler = () => {
  throw new NotFoundError();
};

/**
 * A write a unique index refused, by index name, answered as the code's own check answers it:
 * the check runs first, so only a race (or a writer that skipped it) gets here.
 */
const UNIQUE_VIOLATIONS: Record<string, () => HttpError> = {
  proposals_one_live_per_lead_idx: () =>
    new ValidationError({ form: 'proposals.errors.alreadyLeading' }),
  claims_one_active_idx: () => new ConflictError('claims.errors.alreadyClaimed'),
};

/** A constraint the database holds against the request, as the page to show; else undefined. */
export function constraintViolationError(error: unknown): HttpError | undefined {
  const state = sqlStateOf(error);
  if (state === '23505') {
    const known = UNIQUE_VIOLATIONS[constraintOf(error) ?? ''];
    return known ? known() : new ConflictError('errors.uniqueViolation.message');
  }
  // A CHECK constraint: the input checks let through a value the database does not accept.
  if (state === '23514') return new ValidationError({}, 'errors.checkViolation.message');
  return undefined;
}

/** A database failure the visitor can act on (wait, or fix the input) gets its own page. */
function shownError(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError();
  if (isRejectedData(error)) return new BadRequestError('errors.rejectedData.message');
  return constraintViolationError(error) ?? error;
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  // body-parser and friends mark client errors (malformed body, too large) with a status.
  const status = (error as { status?: unknown; expose?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return 500;
}

function messageKeyOf(error: unknown, status: number): string {
  if (error instanceof HttpError) return error.messageKey;
  return TITLED_STATUSES.includes(status) ? `errors.${status}.message` : 'errors.500.message';
}

/**
 * Renders every error as a page in the visitor's language (or JSON for the API). The stack
 * trace is shown only in development; a page that fails to render falls back to plain text.
 */
export function errorHandler(options: {
  translator: Translator;
  showStack: boolean;
}): ErrorRequestHandler {
  return (error, req, res, next) => {
    const shown = shownError(error);
    const status = statusOf(shown);
    if (status >= 500) req.log?.error({ err: error }, 'request failed');
    // The input checks missed a value the database refused: worth fixing at the boundary.
    else if (shown !== error) req.log?.warn({ err: error }, 'the database refused the data');
    if (res.headersSent) return next(error);

    const t = req.t ?? options.translator.t(defaultLanguage);
    const titleKey = TITLED_STATUSES.includes(status)
      ? `errors.${status}.title`
      : 'errors.500.title';
    const title = t(titleKey);
    const message = t(messageKeyOf(shown, status), { megabytes: BODY_LIMIT_MEGABYTES });
    const requestId = String(req.id ?? '');
    const fieldErrors =
      shown instanceof ValidationError
        ? Object.entries(shown.fieldErrors).map(([field, key]) => ({ field, message: t(key) }))
        : [];

    res.status(status);
    // A limiter that already said how long is left is kept: a guess would be untrue.
    if (status === 429 && !res.hasHeader('Retry-After')) {
      res.setHeader('Retry-After', res.getHeader('RateLimit-Reset') ?? '60');
    }
    if (shown instanceof ServiceUnavailableError) {
      res.setHeader('Retry-After', String(shown.retryAfterSeconds));
      // A cache in front must not keep serving the outage once the database is back.
      res.setHeader('Cache-Control', 'no-store');
    }
    if (req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { status, title, message, requestId, fields: fieldErrors } });
      return;
    }
    res.render(
      'errors/error',
      {
        pageTitle: title,
        status,
        title,
        message,
        requestId,
        fieldErrors,
        isNotFound: status === 404,
        stack: options.showStack && error instanceof Error ? error.stack : undefined,
        lang: res.locals.lang ?? defaultLanguage,
        t,
      },
      (renderError, html) => {
        if (renderError) {
          req.log?.error({ err: renderError }, 'error page failed to render');
          res.type('text/plain').send(`${title}\n\n${message}\n\n${requestId}`);
          return;
        }
        res.send(html);
      },
    );
  };
}

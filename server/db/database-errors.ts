import { DrizzleQueryError } from 'drizzle-orm';

type ErrorLike = {
  code?: unknown;
  message?: unknown;
  severity?: unknown;
  errors?: unknown;
  constraint?: unknown;
};

// 08: connection exception; 57P01-03: the server is shutting down or starting; 53300: too many
// connections.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
// Name resolution is included: a database host that is not up yet has no address either.
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres and pg-pool report a lost or unobtainable connection with a message only.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /is not queryable$/,
];
// PostgreSQL refusing a value: bad encoding (NUL), bad Unicode escape, impossible date, bad
// date syntax, text too long, number out of range.
const REJECTED_DATA_STATES = new Set([
  '22021',
  '22P05',
  '22008',
  '22007',
  '22001',
  '22003',
  '22P02',
]);

/**
 * The driver's own error, without Drizzle's wrapper. Only Drizzle's wrapper is unwrapped: an
 * HTTP call that failed with ECONNREFUSED is not the database going away.
 */
function driverError(error: unknown): ErrorLike | undefined {
  let current = error;
  for (let depth = 0; current instanceof DrizzleQueryError && depth < 3; depth++) {
    current = current.cause;
  }
  return typeof current === 'object' && current !== null ? (current as ErrorLike) : undefined;
}

/** A SQLSTATE sent by the server (pg and PGlite both mark their errors with a severity). */
function serverState(error: ErrorLike | undefined): string | undefined {
  const code = error?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return typeof error?.severity === 'string' || /^\d/.test(code) ? code : undefined;
}

/** The SQLSTATE of a failed query, as either driver reports it, wrapped by Drizzle or not. */
export function sqlStateOf(error: unknown): string | undefined {
  return serverState(driverError(error));
}

/** The constraint (or unique index) a failed write broke, by name, as either driver reports it. */
export function constraintOf(error: unknown): string | undefined {
  const constraint = driverError(error)?.constraint;
  return typeof constraint === 'string' && constraint ? constraint : undefined;
}

/** The database cannot be reached, lost the connection, or has no connection free right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const inner = driverError(error);
  if (!inner) return false;
  const state = serverState(inner);
  if (state) return state.startsWith('08') || UNAVAILABLE_STATES.has(state);
  if (typeof inner.code === 'string' && UNAVAILABLE_SOCKET_CODES.has(inner.code)) return true;
  // Connecting to "localhost" tries each address and fails with all of their errors.
  if (Array.isArray(inner.errors) && inner.errors.some((each) => isDatabaseUnavailable(each))) {
    return true;
  }
  const message = inner.message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((known) => known.test(message));
}

/** PostgreSQL refused a value the request carried (input cleaning should have caught it). */
export function isRejectedData(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && REJECTED_DATA_STATES.has(state);
}

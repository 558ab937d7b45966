import { DrizzleQueryError } from 'drizzle-orm';

type Described = Record<string, unknown>;

const MAX_DEPTH = 4;
const MAX_QUERY_LENGTH = 1000;
// Server messages of these SQLSTATE classes name objects, never values: connection, integrity
// (the values are in `detail`, which is dropped), transaction, syntax, resources, shutdown.
const SAFE_MESSAGE_CLASSES = new Set(['08', '23', '25', '40', '42', '53', '55', '57', '3D']);
// Identifiers of the schema object involved: useful, and never personal data.
const SERVER_FIELDS = [
  'severity',
  'routine',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
];

function isErrorLike(value: unknown): value is Error & Record<string, unknown> {
  return value instanceof Error;
}

function isServerError(error: Error & Record<string, unknown>): boolean {
  return typeof error.code === 'string' && typeof error.severity === 'string';
}

function involvesDatabase(error: unknown): boolean {
  let current = error;
  for (let depth = 0; isErrorLike(current) && depth <= MAX_DEPTH; depth++) {
    if (current instanceof DrizzleQueryError || isServerError(current)) return true;
    current = current.cause;
  }
  return false;
}

/** The call stack without the first line, which repeats the message (and with it the params). */
function framesOf(error: Error): string | undefined {
  const stack = error.stack;
  if (!stack) return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.join('\n');
}

function describe(error: unknown, depth: number): Described {
  if (!isErrorLike(error)) return { type: typeof error };
  // pg names its server errors just "error": the class says more.
  const described: Described = { type: error.constructor?.name ?? error.name };
  if (error instanceof DrizzleQueryError) {
    described.message = 'Failed query';
    described.query = error.query.slice(0, MAX_QUERY_LENGTH);
  } else if (isServerError(error)) {
    const code = String(error.code);
    described.code = code;
    described.message = SAFE_MESSAGE_CLASSES.has(code.slice(0, 2))
      ? error.message
      : `SQLSTATE ${code}`;
    for (const field of SERVER_FIELDS) {
      if (typeof error[field] === 'string') described[field] = error[field];
    }
  } else {
    // The driver's own errors (a lost socket, a pool timeout) say what happened, not what was sent.
    described.message = error.message;
    if (typeof error.code === 'string') described.code = error.code;
  }
  if (error.cause !== undefined && depth < MAX_DEPTH) {
    described.cause = describe(error.cause, depth + 1);
  }
  return described;
}

/**
 * An error that involves a query, made safe for the log: its SQLSTATE, the query text and the
 * schema objects named, never the parameters, the server's `detail` or a message quoting a value.
 * Undefined for any other error.
 */
export function databaseErrorForLog(error: unknown): Described | undefined {
  if (!involvesDatabase(error)) return undefined;
  const described = describe(error, 0);
  const stack = framesOf(error as Error);
  if (stack) described.stack = stack;
  return described;
}

import querystring from 'node:querystring';
import type { RequestHandler } from 'express';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { hasUnstorableText, storableValues } from '../lib/index.ts';

// The one place where text the database cannot store (NUL, lone surrogates) is dealt with:
// query strings and bodies are cleaned, so what the person typed survives; addresses that
// name something with such characters cannot name anything stored, so they are not found.

/** Express's query parser, with every value made storable. */
export function storableQuery(search: string): Record<string, unknown> {
  return storableValues(querystring.parse(search)) as Record<string, unknown>;
}

function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

export const unreadablePathsNotFound: RequestHandler = (req, _res, next) => {
  const path = decodedPath(req.path);
  if (path === undefined || hasUnstorableText(path)) throw new NotFoundError();
  next();
};

type FormValue = string | string[];
const scalar = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : value === null
        ? ''
        : undefined;

/**
 * A body as a form has it: each field a string or a list of strings. JSON may say the same
 * with numbers, booleans or null; objects inside it are nothing a form sends.
 */
function formShaped(body: unknown): Record<string, FormValue> | undefined {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const shaped: Record<string, FormValue> = {};
  for (const [name, value] of Object.entries(body)) {
    const single = scalar(value);
    if (single !== undefined) {
      shaped[name] = single;
      continue;
    }
    if (!Array.isArray(value)) return undefined;
    const items = value.map(scalar);
    if (items.some((item) => item === undefined)) return undefined;
    shaped[name] = items as string[];
  }
  return shaped;
}

/** Runs after the body parsers: every route sees a form-shaped object of storable text. */
export const storableBodies: RequestHandler = (req, _res, next) => {
  const shaped = formShaped(req.body);
  if (!shaped) throw new BadRequestError();
  req.body = storableValues(shaped);
  next();
};

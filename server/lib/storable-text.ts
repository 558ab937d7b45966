// PostgreSQL stores neither U+0000 (in text or JSON) nor a lone UTF-16 surrogate (it has no
// UTF-8 form). Text pasted from a PDF can carry both; cleaning keeps the rest of what was typed.

const NUL = '\u0000';
/** Deeper input is not something a form or our JSON API sends; refusing it bounds the walk. */
export const MAX_INPUT_DEPTH = 32;

export class TooDeepInputError extends Error {
  override name = 'TooDeepInputError';
}

export function hasUnstorableText(value: string): boolean {
  return value.includes(NUL) || !value.isWellFormed();
}

/** Drops NUL characters and replaces lone surrogates with U+FFFD. */
export function storableText(value: string): string {
  return value.replaceAll(NUL, '').toWellFormed();
}

/** The same value with every string (keys too) made storable; throws past MAX_INPUT_DEPTH. */
export function storableValues(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_INPUT_DEPTH) throw new TooDeepInputError('input nested too deeply');
  if (Array.isArray(value)) return value.map((item) => storableValues(item, depth + 1));
  const clean: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    clean[storableText(key)] = storableValues(item, depth + 1);
  }
  return clean;
}

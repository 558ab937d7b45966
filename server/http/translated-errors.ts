import type { ValidationError } from '../errors.ts';
import type { Translate } from '../i18n/index.ts';

/** A service's field errors (translation keys) as messages, with the values they mention. */
export function translatedErrors(
  error: ValidationError,
  t: Translate,
  params: Record<string, string> = {},
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key, params)]),
  );
}

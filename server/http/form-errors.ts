import type { z } from 'zod';
import type { Translate } from '../i18n/index.ts';

/**
 * Zod issues as one translated message per field; schemas carry translation keys as messages.
 */
export function formErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors[field]) errors[field] = t(issue.message);
  }
  return errors;
}

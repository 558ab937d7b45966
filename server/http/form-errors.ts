import type { z } from 'zod';
import type { Translate } from '../i18n/index.ts';

/**
 * Zod issues as one translated message per field; schemas carry translation keys as messages,
 * and a limit the value broke is given to the message as {{max}} or {{min}}.
 */
export function formErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    const limits = {
      max: 'maximum' in issue ? Number(issue.maximum) : undefined,
      min: 'minimum' in issue ? Number(issue.minimum) : undefined,
    };
    if (!errors[field]) errors[field] = t(issue.message, limits);
  }
  return errors;
}

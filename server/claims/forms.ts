import { z } from 'zod';

export const RELEASE_REASON_MAX = 1000;

/** The organization's public reason for releasing a volunteer's claim. */
export const releaseForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'claims.errors.reasonRequired')
    .max(RELEASE_REASON_MAX, 'claims.errors.reasonTooLong'),
});

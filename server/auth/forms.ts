import { z } from 'zod';

export const signInEmailForm = z.object({
  email: z
    .string({ error: 'auth.errors.emailRequired' })
    .trim()
    .min(1, 'auth.errors.emailRequired')
    .max(254, 'auth.errors.emailInvalid')
    .pipe(z.email('auth.errors.emailInvalid')),
  volver: z.string().optional(),
});

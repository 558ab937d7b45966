import { z } from 'zod';
import { NAME_MAX } from './name-prompt.ts';

export const signInEmailForm = z.object({
  email: z
    .string({ error: 'auth.errors.emailRequired' })
    .trim()
    .min(1, 'auth.errors.emailRequired')
    .max(254, 'auth.errors.emailInvalid')
    .pipe(z.email('auth.errors.emailInvalid')),
  volver: z.string().optional(),
});

export const askedNameForm = z.object({
  name: z
    .string({ error: 'auth.errors.nameRequired' })
    .trim()
    .min(1, 'auth.errors.nameRequired')
    .max(NAME_MAX, 'auth.errors.nameTooLong'),
});

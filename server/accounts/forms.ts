import { z } from 'zod';
import { locales } from '../../models/schema/index.ts';

export const MAX_SKILLS = 20;

const skillList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? [
          ...new Set(
            value
              .split(',')
              .map((skill) => skill.trim().replace(/\s+/g, ' '))
              .filter(Boolean),
          ),
        ]
      : [],
  z
    .array(z.string().max(40, 'accounts.errors.skillTooLong'))
    .max(MAX_SKILLS, 'accounts.errors.tooManySkills'),
);

export const profileForm = z.object({
  name: z
    .string({ error: 'accounts.errors.nameRequired' })
    .trim()
    .min(1, 'accounts.errors.nameRequired')
    .max(100, 'accounts.errors.nameTooLong'),
  bio: z.string().trim().max(1000, 'accounts.errors.bioTooLong').default(''),
  skills: skillList,
  locale: z.enum(locales, { error: 'accounts.errors.localeInvalid' }),
  contactEmail: z
    .string()
    .trim()
    .max(254, 'accounts.errors.emailInvalid')
    .transform((value) => value.toLowerCase())
    .pipe(z.union([z.literal(''), z.email('accounts.errors.emailInvalid')]))
    .default(''),
});

export type ProfileInput = z.infer<typeof profileForm>;

export const deleteAccountForm = z.object({
  confirm: z.literal('on', { error: 'accounts.errors.confirmDelete' }),
});

import { z } from 'zod';

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;

/** The lead invites by GitHub login; "@Login" and " login " are accepted as typed. */
export const inviteForm = z.object({
  login: z
    .string()
    .trim()
    .transform((value) => value.replace(/^@/, ''))
    .pipe(
      z
        .string()
        .min(1, 'proposals.errors.loginRequired')
        .regex(GITHUB_LOGIN, 'proposals.errors.loginInvalid'),
    ),
});

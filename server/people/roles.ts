import type { User } from '../../models/schema/index.ts';
import type { Config } from '../config.ts';

type Admins = Pick<Config, 'adminEmails' | 'adminGithubLogins'>;

/** Administrators are named in configuration, by sign-in email or GitHub login. */
export function isAdmin(user: User | undefined, admins: Admins): boolean {
  if (!user || user.deletedAt) return false;
  return (
    (user.email !== null && admins.adminEmails.includes(user.email.toLowerCase())) ||
    (user.githubLogin !== null && admins.adminGithubLogins.includes(user.githubLogin.toLowerCase()))
  );
}

export function isModerator(user: User | undefined, admins: Admins): boolean {
  return Boolean(user && !user.deletedAt && (user.isModerator || isAdmin(user, admins)));
}

export function isVolunteer(user: User | undefined): boolean {
  return Boolean(user && !user.deletedAt && user.githubId !== null);
}

import { users, type User } from '../../models/schema/index.ts';
import type { Translate } from '../i18n/index.ts';

type Person = Pick<User, 'name' | 'githubName' | 'githubLogin' | 'deletedAt'>;
/** A person as a left join returns them: no id when the join found no row. */
type JoinedPerson = Person & { id?: string | null };

/** How a person is shown to others, as views link it: the person-link partial renders this. */
export interface PersonView {
  /** Null for a live person with no name at all (the view says "unnamed"). */
  name: string | null;
  /** The GitHub login that names their public profile, if they have one. */
  login: string | null;
  /** A deleted account reads as such, never as its old name. */
  deleted: boolean;
}

const isGone = (person: JoinedPerson | null | undefined): person is null | undefined =>
  !person || Boolean(person.deletedAt) || person.id === null;

/** The name others know someone by, or null when they have none. */
export function publicName(person: Person): string | null {
  return person.name || person.githubName || (person.githubLogin ? `@${person.githubLogin}` : null);
}

/** How someone who acts signs the emails their action sends: their name, or their address. */
export function senderName(person: Person & Pick<User, 'email'>): string {
  return publicName(person) ?? person.email ?? '';
}

export function personView(person: JoinedPerson | null | undefined): PersonView {
  if (isGone(person)) return { name: null, login: null, deleted: true };
  return { name: publicName(person), login: person.githubLogin, deleted: false };
}

/** How a person is shown in text (titles, emails); a deleted account reads as such. */
export function displayName(person: JoinedPerson | null | undefined, t: Translate): string {
  if (isGone(person)) return t('accounts.deletedAccount');
  return publicName(person) ?? t('accounts.unnamed');
}

/**
 * The columns displayName needs, for a left join on users. The id keeps a live person without any
 * name from reading as null, which is how drizzle returns a join that found no row.
 */
export const publicPersonColumns = {
  id: users.id,
  name: users.name,
  githubName: users.githubName,
  githubLogin: users.githubLogin,
  deletedAt: users.deletedAt,
};

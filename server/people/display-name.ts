import { users, type User } from '../../models/schema/index.ts';
import type { Translate } from '../i18n/index.ts';

type Person = Pick<User, 'name' | 'githubName' | 'githubLogin' | 'deletedAt'>;

/** How a person is shown to others; a deleted account reads as such, never as its old name. */
export function displayName(person: Person | null | undefined, t: Translate): string {
  if (!person || person.deletedAt) return t('accounts.deletedAccount');
  return (
    person.name ||
    person.githubName ||
    (person.githubLogin ? `@${person.githubLogin}` : t('accounts.unnamed'))
  );
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

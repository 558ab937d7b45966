import type { User } from '../../models/schema/index.ts';
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

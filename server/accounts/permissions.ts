import type { User } from '../../models/schema/index.ts';

/** People edit, export and delete only their own account. */
export function canManageAccount(actor: User | undefined, account: User): boolean {
  return Boolean(actor && !actor.deletedAt && actor.id === account.id);
}

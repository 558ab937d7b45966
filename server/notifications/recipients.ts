import { and, eq, inArray, isNull } from 'drizzle-orm';
import { memberships, users, watches } from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { isLanguage } from '../i18n/index.ts';
import type { EmailRecipient } from '../mail/index.ts';

type Reader = Pick<Tx, 'select'>;

const contact = {
  id: users.id,
  email: users.email,
  contactEmail: users.contactEmail,
  locale: users.locale,
};

/**
 * The people among `userIds` who can be written to (not deleted, with an address), each with
 * their preferred address and language, without `except` (usually whoever made the change).
 */
export async function recipientsAmong(
  tx: Reader,
  userIds: Iterable<string | null | undefined>,
  except: string | null = null,
): Promise<EmailRecipient[]> {
  const ids = [...new Set([...userIds].filter((id): id is string => !!id && id !== except))];
  if (ids.length === 0) return [];
  const rows = await tx
    .select(contact)
    .from(users)
    .where(and(inArray(users.id, ids), isNull(users.deletedAt)));
  return rows.flatMap((row) => {
    const email = row.contactEmail ?? row.email;
    if (!email) return [];
    return [{ userId: row.id, email, language: isLanguage(row.locale) ? row.locale : 'es' }];
  });
}

export async function organizationMemberIds(tx: Reader, organizationId: string) {
  const rows = await tx
    .select({ id: memberships.userId })
    .from(memberships)
    .where(eq(memberships.organizationId, organizationId));
  return rows.map((row) => row.id);
}

export async function watcherIds(tx: Reader, challengeId: string) {
  const rows = await tx
    .select({ id: watches.userId })
    .from(watches)
    .where(eq(watches.challengeId, challengeId));
  return rows.map((row) => row.id);
}

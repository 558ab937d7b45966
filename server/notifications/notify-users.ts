import type { Tx } from '../db/index.ts';
import { enqueueEmails, toEach, type EmailToSend, type EnqueueResult } from '../mail/index.ts';
import { recipientsAmong } from './recipients.ts';

/**
 * Writes one email to each of these people who can be written to, in their language, leaving
 * out `except` (whoever made the change): call it in the change's transaction.
 */
export async function notifyUsers(
  tx: Tx,
  userIds: Iterable<string | null | undefined>,
  except: string | null,
  email: Omit<EmailToSend, 'to'>,
): Promise<EnqueueResult> {
  return enqueueEmails(tx, toEach(await recipientsAmong(tx, userIds, except), email));
}

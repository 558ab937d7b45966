import type { Tx } from '../db-tx.ts';
import { enqueueEmails, toEach } from '../mail/outbox.ts';
import { recipientsAmong } from '../notifications/recipients.ts';

export type ClaimEmail = 'claim-expiring' | 'claim-expired' | 'claim-released';

/**
 * Writes to the volunteer about their claim, in the transaction that changed it; nothing when the
 * account is gone or has no address. Returns whether an email was written.
 */
export async function queueClaimEmail(
  tx: Tx,
  volunteerId: string,
  template: ClaimEmail,
  challenge: { title: string; slug: string },
  data: Record<string, unknown> = {},
): Promise<boolean> {
  const result = await enqueueEmails(
    tx,
    toEach(await recipientsAmong(tx, [volunteerId]), {
      kind: 'claim',
      template,
      data: { challenge: challenge.title, path: `/retos/${challenge.slug}`, ...data },
    }),
  );
  return result.immediate + result.digest > 0;
}

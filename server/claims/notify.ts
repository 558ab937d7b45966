import type { Tx } from '../db/index.ts';
import { notifyUsers } from '../notifications/index.ts';

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
  const result = await notifyUsers(tx, [volunteerId], null, {
    kind: 'claim',
    template,
    data: { challenge: challenge.title, path: `/retos/${challenge.slug}`, ...data },
  });
  return result.immediate + result.digest > 0;
}

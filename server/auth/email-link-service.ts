import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Language } from '../i18n/index.ts';
import { enqueueEmails } from '../mail/index.ts';
import { createLoginToken, hasRecentLoginToken, LOGIN_LINK_MINUTES } from './login-tokens.ts';
import { normalizeEmail } from './sign-in-service.ts';

export interface EmailLinkDeps {
  db: Db;
  config: Pick<Config, 'baseUrl'>;
}

/**
 * Sends a one-time sign-in link to any address, known or not (a first use creates the
 * account), so the answer never reveals who has an account. The token and its email are written
 * together; the outbox delivers it, in the language of the page it was asked from.
 */
export async function sendSignInLink(
  deps: EmailLinkDeps,
  rawEmail: string,
  returnTo: string | null,
  language: Language,
): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await deps.db.transaction(async (tx) => {
    const token = await createLoginToken(tx, email, returnTo);
    const link = `${deps.config.baseUrl}/entrar/enlace?token=${encodeURIComponent(token)}`;
    await enqueueEmails(tx, [
      {
        kind: 'sign_in',
        template: 'sign-in-link',
        to: { userId: null, email, language },
        data: {
          link,
          minutes: LOGIN_LINK_MINUTES,
          validUntil: new Date(Date.now() + LOGIN_LINK_MINUTES * 60_000).toISOString(),
        },
        secret: true,
      },
    ]);
  });
}

/**
 * Whether the same link (address and destination) went out seconds ago and is still unused:
 * asking again then gets "we already sent you a link" and no second email.
 */
export async function hasRecentSignInLink(
  db: Db,
  rawEmail: string,
  returnTo: string | null,
  withinSeconds: number,
): Promise<boolean> {
  if (withinSeconds <= 0) return false;
  return hasRecentLoginToken(db, normalizeEmail(rawEmail), returnTo, withinSeconds);
}

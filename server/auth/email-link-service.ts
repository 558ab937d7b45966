import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import type { Language, Translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/mailer.ts';
import { renderEmail } from '../mail/templates.ts';
import { createLoginToken, LOGIN_LINK_MINUTES } from './login-tokens.ts';
import { normalizeEmail } from './sign-in-service.ts';

export interface EmailLinkDeps {
  db: Db;
  mailer: Mailer;
  translator: Translator;
  config: Pick<Config, 'baseUrl'>;
  logger: Logger;
}

/**
 * Sends a one-time sign-in link to any address, known or not (a first use creates the
 * account), so the answer never reveals who has an account. A mail failure is logged, not shown.
 */
export async function sendSignInLink(
  deps: EmailLinkDeps,
  rawEmail: string,
  returnTo: string | null,
  language: Language,
): Promise<void> {
  const email = normalizeEmail(rawEmail);
  const token = await createLoginToken(deps.db, email, returnTo);
  const link = `${deps.config.baseUrl}/entrar/enlace?token=${encodeURIComponent(token)}`;
  const message = renderEmail('sign-in-link', {
    t: deps.translator.t(language),
    lang: language,
    link,
    minutes: LOGIN_LINK_MINUTES,
  });
  try {
    await deps.mailer.send({ to: email, ...message });
  } catch (error) {
    deps.logger.error({ err: error }, 'the sign-in link could not be sent');
  }
}

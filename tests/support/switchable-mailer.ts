import type { Mailer, OutgoingEmail } from '../../server/mail/mailer.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/**
 * A mailer that keeps what it sends, or refuses every message with `failWith` while that is set,
 * as a mail server that is down or rejects the message would.
 */
export function switchableMailer(): Mailer & { sent: OutgoingEmail[]; failWith: string | null } {
  const mailer = {
    sent: [] as OutgoingEmail[],
    failWith: null as string | null,
    async send(email: OutgoingEmail) {
      if (mailer.failWith !== null) throw new Error(mailer.failWith);
      mailer.sent.push(email);
    },
  };
  return mailer;
}

/**
 * The test app with a switchable mailer: `test.mail` is what it delivered, so the sign-in helpers
 * work as usual while the mailer works.
 */
export async function buildAppWithSwitchableMailer(
  options: Omit<NonNullable<Parameters<typeof buildTestApp>[0]>, 'mailer'> = {},
): Promise<{ test: TestApp; mailer: ReturnType<typeof switchableMailer> }> {
  const mailer = switchableMailer();
  const built = await buildTestApp({ ...options, mailer });
  return { test: { ...built, mail: mailer.sent }, mailer };
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { RenderedEmail } from './templates.ts';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  headers?: Record<string, string>;
  /** A stable Message-ID, so a message sent twice after a crash reads as one. */
  messageId?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  /**
   * Reaches the server and signs in without sending anything, so that a worker can tell when a
   * server that was down is back. A mailer without it has no server to wait for.
   */
  verify?(): Promise<void>;
  /** Closes pooled connections; the mailer is not used afterwards. */
  close?(): void;
}

// Shorter than nodemailer's defaults (up to 10 minutes), and well within the outbox worker's
// lease on a message, so a hung server never lets two workers hold the same message.
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'outbox');
}

/**
 * Sends through SMTP_URL; without it, writes each message as an .eml file under DATA_DIR/outbox
 * so development needs no mail server (see /dev/correo).
 */
export function createMailer(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>,
  logger: Logger,
): Mailer {
  if (config.smtpUrl) {
    // One pooled connection: the outbox worker sends one message at a time.
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: 1,
      ...SMTP_TIMEOUTS,
    });
    return {
      async send(email) {
        await transport.sendMail({ from: config.mailFrom, ...email });
      },
      async verify() {
        await transport.verify();
      },
      close: () => transport.close(),
    };
  }

  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  const dir = outboxDir(config);
  return {
    async send(email) {
      const info = await transport.sendMail({ from: config.mailFrom, ...email });
      await fs.mkdir(dir, { recursive: true });
      // Sortable by time, unique within the millisecond.
      const file = path.join(dir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
      await fs.writeFile(file, info.message as Buffer);
      logger.info({ to: email.to, subject: email.subject, file }, 'email written to the outbox');
    },
  };
}

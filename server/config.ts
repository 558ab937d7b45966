import path from 'node:path';
import { z } from 'zod';
import { httpUrl as httpUrlWith, urlWithProtocols } from './lib/index.ts';
import { parseTrustProxy, type TrustProxy } from './trust-proxy-setting.ts';

export type { TrustProxy } from './trust-proxy-setting.ts';

// The only module that reads process.env: everything else receives a Config.

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const DEV_SESSION_SECRET = 'retos-development-secret-not-for-production';

const emptyAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(emptyAsUndefined, schema.optional());

const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    z.array(item),
  );

const httpUrl = httpUrlWith('must be an http:// or https:// URL');

/** A whole number in a range, its messages naming what it counts (one message for all, or each). */
const wholeNumber = (
  range: { min: number; max: number; fallback: number },
  messages: string | { type: string; int: string; min: string; max: string },
) => {
  const say =
    typeof messages === 'string'
      ? { type: messages, int: messages, min: messages, max: messages }
      : messages;
  return z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: say.type })
      .int(say.int)
      .min(range.min, say.min)
      .max(range.max, say.max)
      .default(range.fallback),
  );
};

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  PORT: wholeNumber(
    { min: 0, max: 65535, fallback: 3000 },
    {
      type: 'must be a port number',
      int: 'must be a whole number',
      min: 'must be between 0 and 65535',
      max: 'must be between 0 and 65535',
    },
  ),
  BASE_URL: optional(httpUrl),
  DATABASE_URL: optional(
    urlWithProtocols(['postgres', 'postgresql'], 'must be a postgres:// or postgresql:// URL'),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  DATABASE_POOL_SIZE: wholeNumber(
    { min: 1, max: 1000, fallback: 10 },
    'must be a number of connections from 1 to 1000',
  ),
  DATABASE_ACQUIRE_TIMEOUT_MS: wholeNumber(
    { min: 50, max: 60_000, fallback: 1500 },
    'must be a number of milliseconds from 50 to 60000',
  ),
  DATABASE_STARTUP_WAIT_MS: wholeNumber(
    { min: 0, max: 3_600_000, fallback: 60_000 },
    'must be a number of milliseconds from 0 to 3600000',
  ),
  SESSION_SECRET: optional(z.string().min(32, 'must be at least 32 characters long')),
  GITHUB_CLIENT_ID: optional(z.string()),
  GITHUB_CLIENT_SECRET: optional(z.string()),
  GITHUB_OAUTH_URL: z.preprocess(emptyAsUndefined, httpUrl.default('https://github.com')),
  GITHUB_API_URL: z.preprocess(emptyAsUndefined, httpUrl.default('https://api.github.com')),
  SMTP_URL: optional(urlWithProtocols(['smtp', 'smtps'], 'must be an smtp:// or smtps:// URL')),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default('Retos <no-reply@localhost>')),
  PRIVACY_CONTACT_EMAIL: optional(z.email('must be an email address')),
  ADMIN_EMAILS: commaList(z.email('must be a comma-separated list of email addresses')),
  ADMIN_GITHUB_LOGINS: commaList(
    z.string().regex(/^[A-Za-z0-9-]{1,39}$/, 'must be a comma-separated list of GitHub logins'),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` }).default('info'),
  ),
  CLAIM_EXPIRY_DAYS: wholeNumber(
    { min: 1, max: 365, fallback: 14 },
    {
      type: 'must be a number of days',
      int: 'must be a whole number of days',
      min: 'must be at least 1 day',
      max: 'must be at most 365 days',
    },
  ),
  OUTBOX_MAX_ATTEMPTS: wholeNumber(
    { min: 1, max: 50, fallback: 10 },
    {
      type: 'must be a number of attempts',
      int: 'must be a whole number',
      min: 'must be at least 1',
      max: 'must be at most 50',
    },
  ),
  OUTBOX_RETRY_SECONDS: wholeNumber(
    { min: 1, max: 86_400, fallback: 60 },
    {
      type: 'must be a number of seconds',
      int: 'must be a whole number of seconds',
      min: 'must be at least 1 second',
      max: 'must be at most 86400 seconds',
    },
  ),
  OUTBOX_PROBE_SECONDS: wholeNumber(
    { min: 1, max: 60, fallback: 5 },
    {
      type: 'must be a number of seconds',
      int: 'must be a whole number of seconds',
      min: 'must be at least 1 second',
      max: 'must be at most 60 seconds',
    },
  ),
  DIGEST_HOUR: wholeNumber({ min: 0, max: 23, fallback: 8 }, 'must be an hour from 0 to 23'),
  TRUST_PROXY: z
    .preprocess(emptyAsUndefined, z.string().default('false'))
    .transform((value, ctx) => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'object' && 'refused' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.refused });
        return z.NEVER;
      }
      return parsed;
    }),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  baseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** PostgreSQL connections, and how long a query waits for one before the page says 503. */
  databasePool: { size: number; acquireTimeoutMs: number };
  /** How long start-up keeps trying a database that does not answer yet. */
  databaseStartupWaitMs: number;
  sessionSecret: string;
  usingDevSessionSecret: boolean;
  github: { clientId?: string; clientSecret?: string; oauthUrl: string; apiUrl: string };
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where people send data-rights (ARCO) requests; shown on the privacy notice. */
  privacyContactEmail: string;
  adminEmails: string[];
  adminGithubLogins: string[];
  logLevel: (typeof logLevels)[number];
  trustProxy: TrustProxy;
  /** Days without a progress update after which a volunteer's claim on a challenge lapses. */
  claimExpiryDays: number;
  outbox: {
    /** Attempts before a message is marked failed and shown at /admin. */
    maxAttempts: number;
    /** The first retry's wait; each next one doubles, up to retryMaxMs. */
    retryBaseMs: number;
    retryMaxMs: number;
    pollMs: number;
    /** While the mail server is down, how often a worker checks whether it is back. */
    probeMs: number;
  };
  /** The hour (Mexico City time) at which daily digests go out. */
  digestHour: number;
}

/** privacidad@ at the sender's domain: a mailbox people can write to, unlike no-reply. */
function privacyAddressBeside(mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address.split('@')[1]?.trim() || 'localhost';
  return `privacidad@${domain}`;
}

/** A setting that is missing or malformed; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';

  if (isProduction) {
    for (const name of ['SESSION_SECRET', 'GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET'] as const) {
      if (!e[name]) {
        throw new ConfigError(
          `Invalid configuration: ${name} is required when NODE_ENV=production`,
        );
      }
    }
  }
  if (Boolean(e.GITHUB_CLIENT_ID) !== Boolean(e.GITHUB_CLIENT_SECRET)) {
    const missing = e.GITHUB_CLIENT_ID ? 'GITHUB_CLIENT_SECRET' : 'GITHUB_CLIENT_ID';
    throw new ConfigError(
      `Invalid configuration: ${missing} is required when the other GitHub credential is set`,
    );
  }

  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    databasePool: { size: e.DATABASE_POOL_SIZE, acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS },
    databaseStartupWaitMs: e.DATABASE_STARTUP_WAIT_MS,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    usingDevSessionSecret: !e.SESSION_SECRET,
    github: {
      clientId: e.GITHUB_CLIENT_ID,
      clientSecret: e.GITHUB_CLIENT_SECRET,
      oauthUrl: e.GITHUB_OAUTH_URL.replace(/\/+$/, ''),
      apiUrl: e.GITHUB_API_URL.replace(/\/+$/, ''),
    },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    privacyContactEmail: e.PRIVACY_CONTACT_EMAIL ?? privacyAddressBeside(e.MAIL_FROM),
    adminEmails: e.ADMIN_EMAILS.map((email) => email.toLowerCase()),
    adminGithubLogins: e.ADMIN_GITHUB_LOGINS.map((login) => login.toLowerCase()),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    claimExpiryDays: e.CLAIM_EXPIRY_DAYS,
    outbox: {
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      retryBaseMs: e.OUTBOX_RETRY_SECONDS * 1000,
      retryMaxMs: 6 * 60 * 60 * 1000,
      pollMs: 5_000,
      probeMs: e.OUTBOX_PROBE_SECONDS * 1000,
    },
    digestHour: e.DIGEST_HOUR,
  };
}

export function loadConfig(): Config {
  return parseConfig(process.env);
}

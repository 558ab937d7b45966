import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../../server/config.ts';

const SECRET = 'x'.repeat(32);
const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: SECRET,
  GITHUB_CLIENT_ID: 'id',
  GITHUB_CLIENT_SECRET: 'secret',
};

function configError(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

describe('parseConfig', () => {
  it('runs with nothing set: development, port 3000, embedded database, GitHub defaults', () => {
    const config = parseConfig({});
    assert.equal(config.env, 'development');
    assert.equal(config.port, 3000);
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.equal(config.databaseUrl, undefined);
    assert.match(config.dataDir, /data$/);
    assert.equal(config.github.oauthUrl, 'https://github.com');
    assert.equal(config.github.apiUrl, 'https://api.github.com');
    assert.equal(config.mailFrom, 'Retos <no-reply@localhost>');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.claimExpiryDays, 14);
    assert.deepEqual(config.adminEmails, []);
    assert.equal(config.usingDevSessionSecret, true);
  });

  it('reads every setting of the table', () => {
    const config = parseConfig({
      PORT: '8080',
      BASE_URL: 'https://retos.example.org/',
      DATABASE_URL: 'postgres://retos@db.example.org:5432/retos',
      SESSION_SECRET: SECRET,
      GITHUB_CLIENT_ID: 'abc',
      GITHUB_CLIENT_SECRET: 'def',
      GITHUB_OAUTH_URL: 'http://127.0.0.1:9999/',
      GITHUB_API_URL: 'http://127.0.0.1:9999/api',
      SMTP_URL: 'smtp://user:pass@mail.example.org:587',
      MAIL_FROM: 'Retos <hola@retos.example.org>',
      ADMIN_EMAILS: 'Ana@Example.org, luis@example.org',
      ADMIN_GITHUB_LOGINS: 'Octo-Cat',
      LOG_LEVEL: 'debug',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.baseUrl, 'https://retos.example.org');
    assert.equal(config.databaseUrl, 'postgres://retos@db.example.org:5432/retos');
    assert.equal(config.sessionSecret, SECRET);
    assert.equal(config.usingDevSessionSecret, false);
    assert.deepEqual(config.github, {
      clientId: 'abc',
      clientSecret: 'def',
      oauthUrl: 'http://127.0.0.1:9999',
      apiUrl: 'http://127.0.0.1:9999/api',
    });
    assert.equal(config.smtpUrl, 'smtp://user:pass@mail.example.org:587');
    assert.deepEqual(config.adminEmails, ['ana@example.org', 'luis@example.org']);
    assert.deepEqual(config.adminGithubLogins, ['octo-cat']);
    assert.equal(config.logLevel, 'debug');
  });

  it('treats an empty value as unset', () => {
    assert.equal(parseConfig({ DATABASE_URL: '', PORT: '' }).port, 3000);
  });

  it('checks a mail server that is down every few seconds, never less often than a minute', () => {
    assert.equal(parseConfig({}).outbox.probeMs, 5_000);
    assert.equal(parseConfig({ OUTBOX_PROBE_SECONDS: '2' }).outbox.probeMs, 2_000);
    assert.match(
      configError({ OUTBOX_PROBE_SECONDS: '61' }),
      /^Invalid configuration: OUTBOX_PROBE_SECONDS must be at most 60 seconds$/,
    );
    assert.match(
      configError({ OUTBOX_PROBE_SECONDS: '0' }),
      /^Invalid configuration: OUTBOX_PROBE_SECONDS must be at least 1 second$/,
    );
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    [
      'a port that is not a number',
      { PORT: 'tres mil' },
      /^Invalid configuration: PORT must be a port number$/,
    ],
    [
      'a port out of range',
      { PORT: '70000' },
      /^Invalid configuration: PORT must be between 0 and 65535$/,
    ],
    [
      'a database URL of another kind',
      { DATABASE_URL: 'mongodb://localhost/retos' },
      /DATABASE_URL must be a postgres:\/\//,
    ],
    [
      'a base URL that is not a URL',
      { BASE_URL: 'retos.example.org' },
      /BASE_URL must be an http:\/\//,
    ],
    ['an SMTP URL of another kind', { SMTP_URL: 'http://mail' }, /SMTP_URL must be an smtp:\/\//],
    [
      'an admin email that is not one',
      { ADMIN_EMAILS: 'ana@example.org, luis' },
      /ADMIN_EMAILS must be a comma-separated list of email addresses/,
    ],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error/],
    [
      'a short session secret',
      { SESSION_SECRET: 'corto' },
      /SESSION_SECRET must be at least 32 characters long/,
    ],
    [
      'half of the GitHub credentials',
      { GITHUB_CLIENT_ID: 'abc' },
      /GITHUB_CLIENT_SECRET is required when the other GitHub credential is set/,
    ],
  ];
  for (const [what, env, message] of refused) {
    it(`refuses ${what} with one line naming the variable`, () => {
      const text = configError(env);
      assert.match(text, message);
      assert.doesNotMatch(text, /\n/);
    });
  }

  it('refuses to run in production without SESSION_SECRET', () => {
    const { SESSION_SECRET: _secret, ...withoutSecret } = production;
    assert.equal(
      configError(withoutSecret),
      'Invalid configuration: SESSION_SECRET is required when NODE_ENV=production',
    );
  });

  it('refuses to run in production without GitHub credentials', () => {
    assert.match(
      configError({ NODE_ENV: 'production', SESSION_SECRET: SECRET }),
      /GITHUB_CLIENT_ID is required when NODE_ENV=production/,
    );
  });

  it('accepts a complete production configuration', () => {
    const config = parseConfig(production);
    assert.equal(config.isProduction, true);
    assert.equal(config.usingDevSessionSecret, false);
  });
});

describe('starting the server with a bad configuration', () => {
  it('stops at once with one clear line naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        GITHUB_CLIENT_ID: 'a',
        GITHUB_CLIENT_SECRET: 'b',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr.trim(),
      'retos: Invalid configuration: SESSION_SECRET is required when NODE_ENV=production',
    );
    assert.equal(result.stdout, '');
  });
});

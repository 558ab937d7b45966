import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import type { Database } from '../../../../server/db/database.ts';
import { prepareDatabase } from '../../../../server/runtime/prepare-database.ts';
import { DatabaseUnreachableError } from '../../../../server/runtime/wait-for-database.ts';
import { capturedLogger } from '../../../support/log-capture.ts';
import { startTcpProxy, hostOf, type TcpProxy } from '../../../support/tcp-proxy.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createServerDatabase, testDatabaseUrl } from '../../../support/test-db.ts';

const RETRY_LINE = 'the database does not answer yet';
const timeout = 30_000;

const proxies: TcpProxy[] = [];
after(async () => {
  for (const proxy of proxies) await proxy.close();
});

/** A proxy that refuses every connection: a database server that is not running. */
async function stoppedServer(): Promise<TcpProxy> {
  const proxy = await startTcpProxy(hostOf(testDatabaseUrl ?? 'postgres://127.0.0.1:5432/x'), {
    cut: true,
  });
  proxies.push(proxy);
  return proxy;
}

function retries(log: ReturnType<typeof capturedLogger>) {
  return log.entries().filter((entry) => entry.msg === RETRY_LINE) as {
    attempt: number;
    retryInMs: number;
    err: { code?: string };
  }[];
}

describe('start-up while the database is away', { timeout }, () => {
  it(
    'waits for a database that comes up a second later (PostgreSQL only: PGlite is in the process)',
    { skip: !testDatabaseUrl },
    async () => {
      const server = await createServerDatabase();
      const proxy = await stoppedServer();
      const log = capturedLogger();
      const config = testConfig({
        DATABASE_URL: proxy.through(server.url),
        DATABASE_STARTUP_WAIT_MS: '15000',
      });
      const restored = new Promise((resolve) => setTimeout(resolve, 1000)).then(() =>
        proxy.restore(),
      );
      let database: Database | undefined;
      try {
        database = await prepareDatabase(config, log.logger);
        await restored;
        await database.ping();
        const seen = retries(log);
        assert.ok(seen.length >= 2, `retried (${seen.length} attempts logged)`);
        assert.deepEqual(
          seen.map((entry) => entry.attempt),
          seen.map((_, index) => index + 1),
        );
        assert.ok(seen[1]!.retryInMs > seen[0]!.retryInMs, 'each wait is longer');
        assert.equal(seen[0]!.err.code, 'ECONNREFUSED');
        assert.ok(log.entries().some((entry) => entry.msg === 'the database answers'));
      } finally {
        await database?.close();
        await server.drop();
      }
    },
  );

  it('gives up after DATABASE_STARTUP_WAIT_MS with a clear reason', async () => {
    const proxy = await stoppedServer();
    const log = capturedLogger();
    const config = testConfig({
      DATABASE_URL: `postgres://retos:secreto@127.0.0.1:${proxy.port}/retos`,
      DATABASE_STARTUP_WAIT_MS: '1200',
    });
    const started = performance.now();
    await assert.rejects(prepareDatabase(config, log.logger), (error: Error) => {
      assert.ok(error instanceof DatabaseUnreachableError);
      assert.match(
        error.message,
        new RegExp(`^the database at 127\\.0\\.0\\.1:${proxy.port} did not answer within 1\\.2 s`),
      );
      assert.doesNotMatch(error.message, /secreto/);
      return true;
    });
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 1100 && elapsed < 4000, `gave up at the bound (${elapsed} ms)`);
    assert.ok(retries(log).length >= 3, 'logged each attempt');
  });

  it(
    'fails at once when waiting would not help: a database that does not exist (PostgreSQL only: PGlite has no server to ask)',
    { skip: !testDatabaseUrl },
    async () => {
      const url = new URL(testDatabaseUrl!);
      url.pathname = '/retos_no_such_database';
      const log = capturedLogger();
      const config = testConfig({
        DATABASE_URL: url.toString(),
        DATABASE_STARTUP_WAIT_MS: '20000',
      });
      const started = performance.now();
      await assert.rejects(prepareDatabase(config, log.logger), /does not exist/);
      assert.ok(performance.now() - started < 5000);
      assert.equal(retries(log).length, 0);
    },
  );

  it('exits with EX_UNAVAILABLE (69) and one line on stderr when the bound passes', async () => {
    const proxy = await stoppedServer();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: `postgres://retos@127.0.0.1:${proxy.port}/retos`,
        DATABASE_STARTUP_WAIT_MS: '800',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 69);
    assert.match(stderr, /^retos: giving up: the database at 127\.0\.0\.1:\d+ did not answer/);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stdout, /the database does not answer yet/);
    assert.doesNotMatch(stdout, /Retos is listening/);
  });
});

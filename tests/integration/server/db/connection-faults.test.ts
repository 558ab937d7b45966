import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { Router } from 'express';
import pg from 'pg';
import request from 'supertest';
import type { Database } from '../../../../server/db/database.ts';
import { queryRows } from '../../../../server/db/query-rows.ts';
import { capturedLogger } from '../../../support/log-capture.ts';
import { hostOf, startTcpProxy, type TcpProxy } from '../../../support/tcp-proxy.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';
import { adminQuery, createTestDatabase, testDatabaseUrl } from '../../../support/test-db.ts';

// PGlite runs inside the process: it has no server connection to lose, refuse or run out of.
const skip = !testDatabaseUrl;
const onServer = '(PostgreSQL only: PGlite has no server connection that can fail)';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A request left running in the background: supertest starts it only when awaited. */
function start(test: TestApp, path: string) {
  return request(test.app)
    .get(path)
    .then((response) => response);
}

function assertUnavailablePage(response: request.Response) {
  assert.equal(response.status, 503);
  assert.match(String(response.headers['retry-after']), /^\d+$/);
  assert.equal(response.headers['cache-control'], 'no-store');
  assert.match(response.text, /<h1>Volvemos en un momento<\/h1>/);
  assert.doesNotMatch(response.text, /Connection|ECONN|at .*\.ts:\d+/);
}

// A fault that hangs a request must fail the test, not the suite.
const timeout = 20_000;

describe(`a connection killed inside a transaction ${onServer}`, { skip, timeout }, () => {
  let test: TestApp;
  const log = capturedLogger();
  const probe = { pid: deferred<number>(), gate: deferred() };

  function transactionRoutes(db: Database['db']): Router {
    const router = Router();
    const backendPid = async (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) => {
      const [row] = await queryRows<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
      probe.pid.resolve(row!.pid);
    };
    router.get('/probe/busy-transaction', async (_req, res) => {
      await db.transaction(async (tx) => {
        await backendPid(tx);
        await tx.execute(sql`SELECT pg_sleep(30)`);
      });
      res.send('committed');
    });
    router.get('/probe/idle-transaction', async (_req, res) => {
      await db.transaction(async (tx) => {
        await backendPid(tx);
        // The connection sits idle in the transaction, checked out of the pool.
        await probe.gate.promise;
        await tx.execute(sql`SELECT 1`);
      });
      res.send('committed');
    });
    return router;
  }

  before(async () => {
    const database = await createTestDatabase({
      onConnectionError: (error) => log.logger.warn({ err: error }, 'a database connection broke'),
    });
    test = await buildTestApp({
      database,
      routers: [transactionRoutes(database.db)],
      logger: log.logger,
    });
  });
  after(() => test?.close(), { timeout });

  const terminate = (pid: number) =>
    adminQuery(testDatabaseUrl!, `SELECT pg_terminate_backend(${Number(pid)})`);

  /** Waits until the server has ended the backend, so its farewell is on the wire. */
  async function backendGone(pid: number) {
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    try {
      for (let tries = 0; tries < 100; tries++) {
        const { rows } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
        if (rows.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // Without a listener on every client, node-postgres throws this and a server would die.
  const uncaught: unknown[] = [];
  const recordUncaught = (error: unknown) => uncaught.push(error);
  before(() => {
    process.on('uncaughtException', recordUncaught);
  });
  after(() => {
    process.off('uncaughtException', recordUncaught);
  });

  it('fails that request with 503 while a query runs, and the next page is served', async () => {
    probe.pid = deferred<number>();
    const pending = start(test, '/probe/busy-transaction');
    await terminate(await probe.pid.promise);
    assertUnavailablePage(await pending);
    assert.deepEqual(uncaught, [], 'no unhandled error event');
    const home = await request(test.app).get('/');
    assert.equal(home.status, 200);
  });

  it('survives the loss of a connection that waits idle in its transaction', async () => {
    probe.pid = deferred<number>();
    probe.gate = deferred();
    const pending = start(test, '/probe/idle-transaction');
    const pid = await probe.pid.promise;
    await terminate(pid);
    await backendGone(pid);
    probe.gate.resolve();
    assertUnavailablePage(await pending);
    assert.deepEqual(uncaught, [], 'no unhandled error event');
    const broken = log
      .entries()
      .filter((entry) => entry.msg === 'a database connection broke')
      .map((entry) => (entry.err as { code?: string }).code);
    assert.ok(broken.includes('57P01'), `the broken connection is logged: ${broken.join(', ')}`);
    assert.equal((await request(test.app).get('/retos')).status, 200);
  });
});

describe(`a database that stops and comes back ${onServer}`, { skip, timeout }, () => {
  let test: TestApp;
  let proxy: TcpProxy;
  before(async () => {
    proxy = await startTcpProxy(hostOf(testDatabaseUrl!));
    const database = await createTestDatabase({ via: (url) => proxy.through(url) });
    test = await buildTestApp({ database });
  });
  after(
    async () => {
      await proxy?.restore();
      await test?.close();
      await proxy?.close();
    },
    { timeout },
  );

  it('answers 503 pages while it is away and serves pages again, without a restart', async () => {
    assert.equal((await request(test.app).get('/')).status, 200);
    const reader = visitor(test.app);
    const token = await reader.csrfToken('/entrar');

    await proxy.cut();
    assert.equal((await request(test.app).get('/healthz')).status, 503);
    assertUnavailablePage(await request(test.app).get('/'));
    assertUnavailablePage(await request(test.app).get('/retos'));
    const english = await request(test.app).get('/retos?lang=en');
    assert.equal(english.status, 503);
    assert.match(english.text, /<h1>Back in a moment<\/h1>/);
    const api = await request(test.app).get('/retos').set('Accept', 'application/json');
    assert.equal(api.status, 503);
    assert.ok(api.headers['retry-after']);

    // Reading the session and counting a form against the rate limit need the database too.
    assertUnavailablePage(await reader.get('/'));
    assertUnavailablePage(await reader.postForm('/salir', { _csrf: token }));

    await proxy.restore();
    assert.equal((await request(test.app).get('/healthz')).status, 200);
    assert.equal((await request(test.app).get('/')).status, 200);
    assert.equal((await request(test.app).get('/retos')).status, 200);
    assert.equal((await reader.get('/entrar')).status, 200);
  });
});

describe(`a pool with every connection busy ${onServer}`, { skip, timeout }, () => {
  const acquireTimeoutMs = 300;
  let test: TestApp;
  before(async () => {
    const database = await createTestDatabase({ poolSize: 1, acquireTimeoutMs });
    test = await buildTestApp({ database });
  });
  after(() => test?.close(), { timeout });

  it('answers 503 with Retry-After after the acquire timeout, instead of queueing', async () => {
    const holding = deferred();
    const release = deferred();
    const held = test.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT 1`);
      holding.resolve();
      await release.promise;
    });
    await holding.promise;

    const started = performance.now();
    const response = await request(test.app).get('/retos');
    const elapsed = performance.now() - started;
    assertUnavailablePage(response);
    assert.ok(elapsed >= acquireTimeoutMs - 50, `waited for a connection (${elapsed} ms)`);
    assert.ok(elapsed < acquireTimeoutMs + 1500, `answered soon after the timeout (${elapsed} ms)`);

    release.resolve();
    await held;
    assert.equal((await request(test.app).get('/retos')).status, 200);
  });
});

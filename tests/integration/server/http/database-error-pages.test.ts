import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { Router } from 'express';
import request from 'supertest';
import type { Database } from '../../../../server/db/database.ts';
import { capturedLogger } from '../../../support/log-capture.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

const PERSONAL = 'ana.lopez@example.org';

// Values PostgreSQL refuses, sent as parameters the way a form's fields would be.
const refusals: [string, string, (db: Database['db']) => Promise<unknown>][] = [
  ['22021', 'a NUL character in text', (db) => db.execute(sql`SELECT ${`a\u0000b`}::text`)],
  ['22P05', 'a NUL escape in JSON', (db) => db.execute(sql`SELECT ${'{"nota":"\\u0000"}'}::jsonb`)],
  ['22008', 'a date that does not exist', (db) => db.execute(sql`SELECT ${'2026-02-30'}::date`)],
  ['22007', 'a date that is not one', (db) => db.execute(sql`SELECT ${'el martes'}::date`)],
  ['22003', 'a number out of range', (db) => db.execute(sql`SELECT ${'40000'}::smallint`)],
  ['22P02', 'an identifier that is not a uuid', (db) => db.execute(sql`SELECT ${'abc'}::uuid`)],
  [
    '22001',
    'a text too long for its column',
    (db) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE probe (code varchar(2)) ON COMMIT DROP`);
        await tx.execute(sql`INSERT INTO probe VALUES (${'abc'})`);
      }),
  ],
];

function probes(db: Database['db']): Router {
  const router = Router();
  refusals.forEach(([code, , query]) => {
    router.get(`/probe/refused/${code}`, async (_req, res) => {
      await query(db);
      res.send('stored');
    });
  });
  router.get('/probe/personal-query', async (_req, res) => {
    await db.execute(sql`SELECT ${PERSONAL}::text AS email FROM no_such_table`);
    res.send('found');
  });
  return router;
}

describe('pages for what the database refuses', () => {
  let test: TestApp;
  const log = capturedLogger();
  before(async () => {
    const database = await createTestDatabase();
    test = await buildTestApp({ database, routers: [probes(database.db)], logger: log.logger });
  });
  after(() => test.close());

  for (const [code, what] of refusals) {
    it(`answers ${what} (${code}) with a 400 page, not a 500`, async () => {
      const response = await request(test.app).get(`/probe/refused/${code}`);
      assert.equal(response.status, 400);
      assert.match(response.text, /<h1>Solicitud no válida<\/h1>/);
      assert.match(response.text, /no se pueden guardar/);
      assert.doesNotMatch(response.text, /SQLSTATE|invalid|at .*\.ts:\d+/);
    });
  }

  it('explains the refusal in English too, and as JSON to the API', async () => {
    const page = await request(test.app).get('/probe/refused/22008?lang=en');
    assert.equal(page.status, 400);
    assert.match(page.text, /cannot be saved/);
    const json = await request(test.app)
      .get('/probe/refused/22021')
      .set('Accept', 'application/json');
    assert.equal(json.status, 400);
    assert.equal(json.body.error.title, 'Solicitud no válida');
  });

  it('logs a refusal as a warning with its SQLSTATE', () => {
    const warning = log.entries().find((entry) => entry.msg === 'the database refused the data') as
      { err: { cause: { code: string } } } | undefined;
    assert.ok(warning, 'the refusal is logged');
    assert.ok(refusals.some(([code]) => code === warning.err.cause.code));
  });

  it('logs a failed query without its parameters', async () => {
    const response = await request(test.app).get('/probe/personal-query');
    assert.equal(response.status, 500);
    const failed = log
      .entries()
      .find(
        (entry) =>
          entry.msg === 'request failed' && JSON.stringify(entry).includes('no_such_table'),
      ) as { err: { query: string; cause: { code: string } } } | undefined;
    assert.ok(failed, 'the failure is logged with its query text');
    assert.equal(failed.err.cause.code, '42P01');
    assert.doesNotMatch(log.text(), /ana\.lopez/);
  });
});

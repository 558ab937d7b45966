import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('/healthz', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('reports the database as reachable, with its driver', async () => {
    const response = await request(test.app).get('/healthz');
    assert.equal(response.status, 200);
    assert.equal(response.body.status, 'ok');
    assert.equal(response.body.database.status, 'ok');
    assert.equal(response.body.database.driver, test.database.driver);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['set-cookie'], undefined);
  });

  it('answers 503 when the database does not', async () => {
    const broken = await buildTestApp({
      database: {
        ...test.database,
        ping: () => Promise.reject(new Error('connection refused')),
      },
    });
    const response = await request(broken.app).get('/healthz');
    assert.equal(response.status, 503);
    assert.deepEqual(response.body, {
      status: 'error',
      database: { status: 'unreachable', driver: test.database.driver },
    });
  });
});

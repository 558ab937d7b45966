import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('rate limiting', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ writeRateLimit: { windowMs: 60_000, limit: 3 } });
  });
  after(() => test.close());

  it('refuses state-changing requests past the limit with a 429 page, counted in the database', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await request(test.app).post('/lo-que-sea').type('form').send({})).status);
    }
    // The first three reach the CSRF check (403); the fourth is over the limit.
    assert.deepEqual(statuses, [403, 403, 403, 429]);
    const limited = await request(test.app).post('/lo-que-sea?lang=en').type('form').send({});
    assert.equal(limited.status, 429);
    assert.match(limited.text, /<h1>Too many requests<\/h1>/);
    assert.ok(limited.headers['retry-after']);
  });

  it('shares the counters through the database, so another app process sees them', async () => {
    const sibling = await buildTestApp({
      database: test.database,
      writeRateLimit: { windowMs: 60_000, limit: 3 },
    });
    const response = await request(sibling.app).post('/lo-que-sea').type('form').send({});
    assert.equal(response.status, 429);
  });

  it('refuses a limited client before reading its body, however large', async () => {
    const huge = await request(test.app)
      .post('/lo-que-sea')
      .type('form')
      .send({ texto: 'x'.repeat(3 * 1024 * 1024) });
    // Past the body limit too: a 413 here would mean the body was read first.
    assert.equal(huge.status, 429);
  });

  it('never limits reading', async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await request(test.app).get('/acerca')).status, 200);
    }
  });
});

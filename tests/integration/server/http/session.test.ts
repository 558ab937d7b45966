import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import { Router } from 'express';
import request from 'supertest';
import { sessions } from '../../../../models/schema/index.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

function formRoutes(): Router {
  const router = Router();
  router.get('/probe/form', (_req, res) => {
    res.send(
      `<input type="hidden" name="_csrf" value="${(res.locals.csrfToken as () => string)()}">`,
    );
  });
  return router;
}

describe('sessions', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ routers: [formRoutes()] });
  });
  after(() => test.close());

  const sessionRows = async () =>
    Number((await test.database.db.select({ n: count() }).from(sessions))[0]!.n);

  it('gives a visitor who only reads pages no session and no cookie', async () => {
    for (const path of ['/', '/acerca', '/privacidad', '/no-existe', '/healthz', '/css/site.css']) {
      const response = await request(test.app).get(path);
      assert.equal(response.headers['set-cookie'], undefined, `${path} set a cookie`);
    }
    assert.equal(await sessionRows(), 0);
  });

  it('stores the session of a visitor shown a form in the database, with a safe cookie', async () => {
    const person = visitor(test.app);
    const response = await person.get('/probe/form');
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /^retos\.sid=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http outside production');
    assert.equal(await sessionRows(), 1);

    // The same session answers the next request: no new row.
    await person.get('/probe/form');
    assert.equal(await sessionRows(), 1);
  });

  it('marks the cookie Secure in production', async () => {
    const production = await buildTestApp({
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(40),
        GITHUB_CLIENT_ID: 'id',
        GITHUB_CLIENT_SECRET: 'secret',
        TRUST_PROXY: '1',
      },
      routers: [formRoutes()],
      database: test.database,
    });
    const response = await request(production.app)
      .get('/probe/form')
      .set('X-Forwarded-Proto', 'https');
    assert.match(String(response.headers['set-cookie']), /Secure/);
  });
});

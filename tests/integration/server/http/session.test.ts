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
  // Something a page keeps for the visitor, as the GitHub sign-in keeps its OAuth state.
  router.get('/probe/remember', (req, res) => {
    (req.session as unknown as Record<string, unknown>).remembered = true;
    res.send('ok');
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

  it('shows a visitor a form without a session: a signed cookie of its own carries the token', async () => {
    const person = visitor(test.app);
    const response = await person.get('/probe/form');
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /^retos\.csrf=/);
    assert.doesNotMatch(cookie, /retos\.sid/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http outside production');
    // The same cookie answers the next form: the token does not change.
    const again = await person.get('/probe/form');
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal(again.text, response.text);
    assert.equal(await sessionRows(), 0);
  });

  it('stores a session that holds something in the database, with a safe cookie', async () => {
    const person = visitor(test.app);
    const response = await person.get('/probe/remember');
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /^retos\.sid=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http outside production');
    assert.equal(await sessionRows(), 1);

    // The same session answers the next request, and its forms take the session's token.
    const form = await person.get('/probe/form');
    assert.doesNotMatch(String(form.headers['set-cookie']), /retos\.csrf/);
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
    for (const [path, name] of [
      ['/probe/remember', 'retos.sid'],
      // `__Host-`: no other host, not even a subdomain, can set this cookie.
      ['/probe/form', '__Host-retos.csrf'],
    ] as const) {
      const response = await request(production.app).get(path).set('X-Forwarded-Proto', 'https');
      const cookie = String(response.headers['set-cookie']);
      assert.ok(cookie.startsWith(`${name}=`), cookie);
      assert.match(cookie, /Secure/);
    }
  });
});

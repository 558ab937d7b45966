import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { Router } from 'express';
import { organizations } from '../../../../models/schema/index.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

// A probe feature: a form and the write it submits, mounted like any feature router.
function probeRoutes(test: () => TestApp): Router {
  const router = Router();
  router.get('/probe/form', (_req, res) => {
    const token = (res.locals.csrfToken as () => string)();
    res.send(
      `<form method="post" action="/probe/organizations"><input type="hidden" name="_csrf" value="${token}"></form>`,
    );
  });
  router.post('/probe/organizations', async (req, res) => {
    await test()
      .database.db.insert(organizations)
      .values({
        slug: String(req.body.slug),
        name: 'Colectivo de prueba',
        kind: 'community',
      });
    res.redirect(303, '/');
  });
  return router;
}

describe('CSRF protection', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ routers: [probeRoutes(() => test)] });
  });
  after(() => test.close());

  const organizationCount = async () =>
    Number((await test.database.db.select({ n: count() }).from(organizations))[0]!.n);

  it('refuses a POST without a token with 403 and changes nothing', async () => {
    const before = await organizationCount();
    const response = await visitor(test.app).postForm('/probe/organizations', {
      slug: 'sin-token',
    });
    assert.equal(response.status, 403);
    assert.match(response.text, /<h1>Acceso denegado<\/h1>/);
    assert.match(response.text, /El formulario caducó/);
    assert.equal(await organizationCount(), before);
  });

  it('refuses a token that belongs to another session', async () => {
    const stranger = visitor(test.app);
    const strangersToken = await stranger.csrfToken('/probe/form');
    const attacker = visitor(test.app);
    await attacker.csrfToken('/probe/form');
    const response = await attacker.postForm('/probe/organizations', {
      slug: 'token-ajeno',
      _csrf: strangersToken,
    });
    assert.equal(response.status, 403);
    const rows = await test.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.slug, 'token-ajeno'));
    assert.equal(rows.length, 0);
  });

  it('accepts the token from the form the visitor was shown', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/probe/form');
    const response = await person.postForm('/probe/organizations', {
      slug: 'con-token',
      _csrf: token,
    });
    assert.equal(response.status, 303);
    const rows = await test.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.slug, 'con-token'));
    assert.equal(rows.length, 1);
  });

  it('accepts the token in the X-CSRF-Token header for scripts', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/probe/form');
    const response = await person.agent
      .post('/probe/organizations')
      .set('X-CSRF-Token', token)
      .type('form')
      .send({ slug: 'con-cabecera' });
    assert.equal(response.status, 303);
  });

  const slugCount = async (slug: string) =>
    (await test.database.db.select().from(organizations).where(eq(organizations.slug, slug)))
      .length;

  it('refuses a JSON body without a token with 403 and changes nothing', async () => {
    const person = visitor(test.app);
    await person.csrfToken('/probe/form');
    const before = await organizationCount();
    const response = await person.agent
      .post('/probe/organizations')
      .set('Accept', 'application/json')
      .send({ slug: 'json-sin-token' });
    assert.equal(response.status, 403);
    assert.equal(response.body.error.status, 403);
    assert.equal(await organizationCount(), before);
    const page = await person.agent
      .post('/probe/organizations')
      .set('Accept', 'text/html')
      .send({ slug: 'json-sin-token' });
    assert.equal(page.status, 403);
    assert.match(page.text, /<h1>Acceso denegado<\/h1>/);
    assert.equal(await organizationCount(), before);
  });

  it('refuses a JSON body whose token is not a string', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/probe/form');
    for (const _csrf of [[token], { token }, 1, null, true]) {
      const response = await person.agent
        .post('/probe/organizations')
        .send({ slug: 'json-token-raro', _csrf });
      // A nested object is no form value at all (400); every other shape is a wrong token.
      assert.ok(
        [400, 403].includes(response.status),
        `${JSON.stringify(_csrf)}: ${response.status}`,
      );
    }
    assert.equal(await slugCount('json-token-raro'), 0);
  });

  it('accepts a JSON body carrying the token as _csrf', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/probe/form');
    const response = await person.agent
      .post('/probe/organizations')
      .send({ slug: 'json-con-token', _csrf: token });
    assert.equal(response.status, 303);
    assert.equal(await slugCount('json-con-token'), 1);
  });

  it('accepts a JSON body with the token in the header', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/probe/form');
    const response = await person.agent
      .post('/probe/organizations')
      .set('X-CSRF-Token', token)
      .send({ slug: 'json-con-cabecera' });
    assert.equal(response.status, 303);
    assert.equal(await slugCount('json-con-cabecera'), 1);
  });

  it('refuses a form with a wrong token', async () => {
    const person = visitor(test.app);
    const token = await person.csrfToken('/probe/form');
    const wrong = `${token.startsWith('a') ? 'b' : 'a'}${token.slice(1)}`;
    for (const _csrf of [wrong, token.slice(0, -1), `${token}0`, '']) {
      const response = await person.postForm('/probe/organizations', {
        slug: 'token-equivocado',
        _csrf,
      });
      assert.equal(response.status, 403, _csrf);
    }
    assert.equal(await slugCount('token-equivocado'), 0);
  });

  it("refuses a wrong token, or another session's, in the header", async () => {
    const stranger = visitor(test.app);
    const strangersToken = await stranger.csrfToken('/probe/form');
    const person = visitor(test.app);
    const token = await person.csrfToken('/probe/form');
    for (const header of [`${token}x`, 'nada', strangersToken]) {
      for (const send of [
        () => person.agent.post('/probe/organizations').set('X-CSRF-Token', header).type('form'),
        () => person.agent.post('/probe/organizations').set('X-CSRF-Token', header),
      ]) {
        const response = await send().send({ slug: 'cabecera-equivocada' });
        assert.equal(response.status, 403, header);
      }
    }
    const json = await person.agent
      .post('/probe/organizations')
      .send({ slug: 'cabecera-equivocada', _csrf: strangersToken });
    assert.equal(json.status, 403);
    assert.equal(await slugCount('cabecera-equivocada'), 0);
  });

  it('answers in the visitor language', async () => {
    const response = await visitor(test.app)
      .postForm('/probe/organizations?lang=en', { slug: 'sin-token-en' })
      .set('Accept', 'text/html');
    assert.equal(response.status, 403);
    assert.match(response.text, /<html lang="en">/);
    assert.match(response.text, /The form expired/);
  });
});

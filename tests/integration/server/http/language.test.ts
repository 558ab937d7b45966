import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

describe('interface language', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('is Spanish by default, without setting any cookie', async () => {
    const response = await request(test.app).get('/acerca');
    assert.match(response.text, /<html lang="es">/);
    assert.match(response.text, /<h1>Acerca de Retos<\/h1>/);
    assert.equal(response.headers['content-language'], 'es');
    assert.match(String(response.headers.vary), /Accept-Language/);
    assert.equal(response.headers['set-cookie'], undefined);
  });

  it('follows Accept-Language, falling back to Spanish for languages it does not have', async () => {
    const english = await request(test.app).get('/acerca').set('Accept-Language', 'en-GB,en;q=0.8');
    assert.match(english.text, /<html lang="en">/);
    assert.match(english.text, /<h1>About Retos<\/h1>/);
    const french = await request(test.app).get('/acerca').set('Accept-Language', 'fr-FR,fr;q=0.9');
    assert.match(french.text, /<html lang="es">/);
  });

  it('remembers a language chosen with ?lang= in a cookie, over Accept-Language', async () => {
    const person = visitor(test.app);
    const chosen = await person.get('/acerca?lang=en').set('Accept-Language', 'es');
    assert.match(chosen.text, /<h1>About Retos<\/h1>/);
    const cookie = String(chosen.headers['set-cookie']);
    assert.match(cookie, /^lang=en;/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);

    const next = await person.get('/privacidad').set('Accept-Language', 'es');
    assert.match(next.text, /<html lang="en">/);
    assert.match(next.text, /<h1>Privacy notice<\/h1>/);
  });

  it('ignores a language it does not have', async () => {
    const response = await request(test.app).get('/acerca?lang=xx');
    assert.match(response.text, /<html lang="es">/);
    assert.equal(response.headers['set-cookie'], undefined);
  });

  it('offers a switch to the other language that keeps the page and its query', async () => {
    const switchLink = (html: string) => {
      const match = /<a class="language-switch" href="([^"]+)" hreflang="(\w+)" lang="(\w+)"/.exec(
        html,
      );
      assert.ok(match, 'the header has a language switch');
      // Handlebars escapes & and = in attributes; a browser reads them back as written here.
      const href = match[1]!.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=');
      return { href, hreflang: match[2], lang: match[3] };
    };
    const spanish = await request(test.app).get('/acerca?x=1');
    assert.deepEqual(switchLink(spanish.text), {
      href: '/acerca?x=1&lang=en',
      hreflang: 'en',
      lang: 'en',
    });
    const english = await request(test.app).get('/acerca?lang=en');
    assert.deepEqual(switchLink(english.text), {
      href: '/acerca?lang=es',
      hreflang: 'es',
      lang: 'es',
    });
  });
});

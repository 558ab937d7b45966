import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('home and static pages', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
    const office = await makeOrganization(test.database.db, {
      name: 'Ayuntamiento de Tlaquepaque',
      kind: 'government',
      verifiedAt: new Date(),
    });
    await makeChallenge(test.database.db, {
      organizationId: office.id,
      title: 'Semáforos que cuentan peatones',
      status: 'open',
      stateCode: 'JAL',
      municipality: 'Tlaquepaque',
      deadline: '2027-03-31',
    });
    await makeChallenge(test.database.db, {
      title: 'Borrador interno',
      status: 'draft',
      publishedAt: null,
    });
    await makeChallenge(test.database.db, { title: 'Directorio de refugios', status: 'solved' });
    await makeChallenge(test.database.db, {
      title: 'Reto archivado',
      status: 'open',
      archived: true,
    });
  });
  after(() => test.close());

  it('shows open challenges and recent solutions, never drafts or archived ones', async () => {
    const response = await request(test.app).get('/');
    assert.equal(response.status, 200);
    const html = response.text;
    assert.match(html, /<h1>Problemas públicos, soluciones de código abierto<\/h1>/);
    assert.match(html, /Semáforos que cuentan peatones/);
    assert.match(html, /Publicado por Ayuntamiento de Tlaquepaque/);
    assert.match(html, /Tlaquepaque, Jalisco/);
    assert.match(html, /Verificada/);
    assert.match(html, /Fecha límite: 31 de marzo de 2027/);
    assert.match(html, /Directorio de refugios/);
    assert.doesNotMatch(html, /Borrador interno/);
    assert.doesNotMatch(html, /Reto archivado/);
    assert.match(html, /1 reto abierto/);
    assert.match(html, /1 reto resuelto/);
  });

  it('shows the home page in English', async () => {
    const response = await request(test.app).get('/?lang=en');
    assert.match(response.text, /<h1>Public problems, open-source solutions<\/h1>/);
    assert.match(response.text, /Posted by Ayuntamiento de Tlaquepaque/);
    assert.match(response.text, /Deadline: March 31, 2027/);
    assert.match(response.text, /1 open challenge\b/);
  });

  it('serves the about and privacy pages in both languages, linked from the footer', async () => {
    const pages = [
      ['/acerca', 'Acerca de Retos', 'About Retos'],
      ['/privacidad', 'Aviso de privacidad', 'Privacy notice'],
    ] as const;
    for (const [path, spanish, english] of pages) {
      const es = await request(test.app).get(path);
      assert.equal(es.status, 200);
      assert.match(es.text, new RegExp(`<h1>${spanish}</h1>`));
      assert.match(es.text, new RegExp(`<title>${spanish} · Retos</title>`));
      assert.match(es.text, new RegExp(`<a href="${path}" aria-current="page">`));
      const en = await request(test.app).get(`${path}?lang=en`);
      assert.match(en.text, new RegExp(`<h1>${english}</h1>`));
    }
    const home = await request(test.app).get('/');
    assert.match(
      home.text,
      /<footer[\s\S]*href="\/acerca"[\s\S]*href="\/privacidad"[\s\S]*<\/footer>/,
    );
  });

  it('states the Mexican data-protection basis on the privacy page', async () => {
    const response = await request(test.app).get('/privacidad');
    assert.match(response.text, /Ley Federal de Protección de Datos Personales/);
    assert.match(response.text, /ARCO/);
  });

  it('has a skip link, a labelled navigation and a main landmark', async () => {
    const response = await request(test.app).get('/');
    assert.match(response.text, /<a class="skip-link" href="#main">Saltar al contenido<\/a>/);
    assert.match(response.text, /<nav class="site-nav" aria-label="Navegación principal">/);
    assert.match(response.text, /<main id="main"/);
    assert.doesNotMatch(response.text, /<script/, 'no page needs JavaScript');
  });
});

describe('static files and headers', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  // The same database, served as in production (view cache, static cache headers).
  const productionApp = () =>
    buildTestApp({
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(40),
        GITHUB_CLIENT_ID: 'i',
        GITHUB_CLIENT_SECRET: 's',
      },
      database: test.database,
    });

  it('links the stylesheet with a content hash and serves it', async () => {
    const home = await request(test.app).get('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.text)?.[1];
    assert.match(String(href), /^\/css\/site\.css\?v(=|&#x3D;)[0-9a-f]{10}$/);
    const css = await request(test.app).get('/css/site.css');
    assert.equal(css.status, 200);
    assert.match(css.type, /css/);
    assert.match(css.text, /:focus-visible/);
  });

  it('caches static files for a week in production', async () => {
    const production = await productionApp();
    const css = await request(production.app).get('/css/site.css');
    assert.equal(css.headers['cache-control'], 'public, max-age=604800');
    const icon = await request(production.app).get('/favicon.ico');
    assert.equal(icon.status, 200);
    assert.equal(icon.headers['cache-control'], 'public, max-age=604800');
  });

  it('caches a file for a year as immutable only under the URL with its current hash', async () => {
    const production = await productionApp();
    const home = await request(production.app).get('/');
    const hrefs = [...home.text.matchAll(/(?:href|src)="(\/(?:css|img)\/[^"]+)"/g)].map((m) =>
      String(m[1]).replace(/&#x3D;/g, '='),
    );
    assert.ok(hrefs.length >= 2, 'the layout links the stylesheet and the logo by hash');
    for (const href of hrefs) {
      const file = await request(production.app).get(href);
      assert.equal(file.status, 200, href);
      assert.equal(file.headers['cache-control'], 'public, max-age=31536000, immutable', href);
    }
    const stale = await request(production.app).get('/css/site.css?v=0000000000');
    assert.equal(stale.status, 200);
    assert.equal(stale.headers['cache-control'], 'public, max-age=604800');
  });

  it('answers a missing file under a static prefix with the not-found page', async () => {
    const missing = await request(test.app).get('/css/missing.css');
    assert.equal(missing.status, 404);
    assert.match(missing.type, /html/);
    const folder = await request(test.app).get('/img/');
    assert.equal(folder.status, 404);
  });

  it('compresses pages for clients that accept it', async () => {
    const response = await request(test.app).get('/').set('Accept-Encoding', 'gzip');
    assert.equal(response.headers['content-encoding'], 'gzip');
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const response = await request(test.app).get('/');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-powered-by'], undefined);
    assert.match(String(response.headers['x-request-id']), /^[\w-]{8,}$/);
  });

  it('keeps a request id sent by the proxy', async () => {
    const response = await request(test.app).get('/').set('X-Request-Id', 'proxy-1234abcd');
    assert.equal(response.headers['x-request-id'], 'proxy-1234abcd');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Router } from 'express';
import request from 'supertest';
import { ForbiddenError, ValidationError } from '../../../../server/errors.ts';
import { BODY_LIMIT_MEGABYTES } from '../../../../server/http/index.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

function failingRoutes(): Router {
  const router = Router();
  router.get('/probe/boom', () => {
    throw new Error('secret internal detail');
  });
  router.get('/probe/async-boom', async () => {
    await Promise.resolve();
    throw new Error('async internal detail');
  });
  router.get('/probe/forbidden', () => {
    throw new ForbiddenError();
  });
  router.get('/probe/invalid', () => {
    throw new ValidationError({ title: 'errors.422.title' });
  });
  router.get('/api/probe/boom', () => {
    throw new Error('api internal detail');
  });
  return router;
}

describe('error pages', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ routers: [failingRoutes()] });
  });
  after(() => test.close());

  it('renders an unknown path as the 404 page in Spanish by default', async () => {
    const response = await request(test.app).get('/no-existe');
    assert.equal(response.status, 404);
    assert.match(response.type, /html/);
    assert.match(response.text, /<html lang="es">/);
    assert.match(response.text, /<h1>Página no encontrada<\/h1>/);
    assert.match(response.text, /<title>Página no encontrada · Retos<\/title>/);
    assert.match(response.text, /Código de referencia: [\w-]+/);
  });

  it('renders the 404 page in English for a visitor whose browser asks for English', async () => {
    const response = await request(test.app)
      .get('/does-not-exist')
      .set('Accept-Language', 'en-US,en;q=0.9');
    assert.equal(response.status, 404);
    assert.match(response.text, /<html lang="en">/);
    assert.match(response.text, /<h1>Page not found<\/h1>/);
  });

  it('renders the 404 page in the language chosen with ?lang=', async () => {
    const response = await request(test.app).get('/nada?lang=en').set('Accept-Language', 'es');
    assert.match(response.text, /<h1>Page not found<\/h1>/);
  });

  it('renders a crash as a 500 page with a reference and no stack trace', async () => {
    for (const path of ['/probe/boom', '/probe/async-boom']) {
      const response = await request(test.app).get(path);
      assert.equal(response.status, 500);
      assert.match(response.text, /<h1>Algo salió mal<\/h1>/);
      assert.doesNotMatch(response.text, /internal detail|at .*\.ts:\d+/);
      const id = response.headers['x-request-id'];
      assert.ok(id);
      assert.ok(response.text.includes(id), 'the page shows the request id to quote to support');
    }
  });

  it('shows the stack trace only in development', async () => {
    const dev = await buildTestApp({
      env: { NODE_ENV: 'development' },
      routers: [failingRoutes()],
    });
    try {
      const response = await request(dev.app).get('/probe/boom');
      assert.equal(response.status, 500);
      assert.match(response.text, /secret internal detail/);
    } finally {
      await dev.close();
    }
  });

  it('renders 403 and 422 with their own titles', async () => {
    const forbidden = await request(test.app).get('/probe/forbidden');
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.text, /<h1>Acceso denegado<\/h1>/);
    const invalid = await request(test.app).get('/probe/invalid?lang=en');
    assert.equal(invalid.status, 422);
    assert.match(invalid.text, /<h1>Please check your data<\/h1>/);
    assert.match(invalid.text, /Please check these fields/);
  });

  it('answers the API with JSON, never HTML', async () => {
    // /api/v1 answers its own errors (tests/integration/server/api); the rest of /api is ours.
    const response = await request(test.app).get('/api/probe/boom');
    assert.equal(response.status, 500);
    assert.match(response.type, /json/);
    assert.equal(response.body.error.status, 500);
    assert.equal(response.body.error.title, 'Algo salió mal');
    assert.doesNotMatch(JSON.stringify(response.body), /internal detail/);
    const missing = await request(test.app).get('/api/nada').set('Accept-Language', 'en');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.title, 'Page not found');
  });

  it('answers a malformed body with 400, not 500', async () => {
    const response = await request(test.app)
      .post('/cualquier-cosa')
      .set('Content-Type', 'application/json')
      .send('{"roto":');
    assert.equal(response.status, 400);
    assert.match(response.text, /Solicitud no válida/);
  });

  it('answers a body past the body limit with 413, naming the limit', async () => {
    const response = await request(test.app)
      .post('/cualquier-cosa')
      .type('form')
      .send({ texto: 'x'.repeat((BODY_LIMIT_MEGABYTES + 1) * 1024 * 1024) });
    assert.equal(response.status, 413);
    assert.match(response.text, /Contenido demasiado grande/);
    assert.match(response.text, new RegExp(`${BODY_LIMIT_MEGABYTES} MB`));
  });
});

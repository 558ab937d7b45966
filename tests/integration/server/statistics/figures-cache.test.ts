import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { makeChallenge } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

// /estadisticas computes its figures once a minute: a challenge published in between shows
// on the next computation, not on every request.

const published = (html: string) =>
  /<tr data-stage="published"><th scope="row">[^<]+<\/th><td class="num">(\d+)<\/td>/.exec(
    html,
  )?.[1];

describe('/estadisticas figures, kept a minute', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('answers from the same computation within the minute', async () => {
    await makeChallenge(test.database.db, { status: 'open' });
    const first = (await request(test.app).get('/estadisticas').expect(200)).text;
    assert.equal(published(first), '1');

    await makeChallenge(test.database.db, { status: 'open' });
    const again = (await request(test.app).get('/estadisticas').expect(200)).text;
    assert.equal(published(again), '1');

    // Another filter is another computation, made now: both challenges have no state.
    const national = await request(test.app).get('/estadisticas?entidad=nacional').expect(200);
    assert.equal(published(national.text), '2');
  });
});

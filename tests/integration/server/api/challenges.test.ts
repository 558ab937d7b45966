import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { challengeDetail, challengeList } from '../../../../server/api/schemas.ts';
import { makeChallengeRows } from '../../../support/challenge-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('/api/v1/challenges', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ apiRateLimit: { windowMs: 60_000, limit: 1000 } });
    const org = await makeOrganization(t.database.db);
    const base = Date.now();
    await makeChallengeRows(
      t.database.db,
      org.id,
      Array.from({ length: 7 }, (_, i) => ({
        publishedAt: new Date(base - i * 1000),
        stateCode: i % 2 ? 'OAX' : 'JAL',
      })),
    );
    await makeChallenge(t.database.db, { slug: 'borrador', status: 'draft', publishedAt: null });
  });
  after(() => t.close());

  it('pages through every published challenge once, drafts absent', async () => {
    const seen: string[] = [];
    let next: string | null = '/api/v1/challenges?limit=3';
    while (next) {
      const res = await request(t.app).get(next).expect(200);
      const body = challengeList.parse(res.body);
      seen.push(...body.data.map((c) => c.slug));
      assert.equal(body.total, 7);
      next = body.next;
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
    assert.ok(!seen.includes('borrador'));
  });

  it('filters by INEGI state key as /retos does', async () => {
    const res = await request(t.app).get('/api/v1/challenges?state=OAX').expect(200);
    assert.equal(res.body.total, 3);
  });

  it('answers 304 to a matching If-None-Match, with CORS open', async () => {
    const first = await request(t.app).get('/api/v1/challenges').expect(200);
    assert.equal(first.headers['access-control-allow-origin'], '*');
    assert.match(first.headers['cache-control'] ?? '', /public/);
    assert.equal(first.headers['set-cookie'], undefined);
    await request(t.app)
      .get('/api/v1/challenges')
      .set('If-None-Match', first.headers.etag!)
      .expect(304);
  });

  it('returns one challenge and 404 JSON for a draft or unknown slug', async () => {
    const list = await request(t.app).get('/api/v1/challenges?limit=1').expect(200);
    const res = await request(t.app).get(list.body.data[0].url).expect(200);
    challengeDetail.parse(res.body);
    for (const slug of ['borrador', 'no-existe']) {
      const missing = await request(t.app).get(`/api/v1/challenges/${slug}`).expect(404);
      assert.equal(missing.body.error.code, 'not_found');
    }
  });

  it('refuses unknown parameters, values and cursors with 400 JSON', async () => {
    for (const query of ['estado=abierto', 'status=draft', 'limit=101', 'limit=0', 'cursor=xyz']) {
      const res = await request(t.app).get(`/api/v1/challenges?${query}`).expect(400);
      assert.equal(typeof res.body.error.code, 'string', query);
    }
  });

  it('publishes a valid OpenAPI document listing every route', async () => {
    const res = await request(t.app).get('/api/openapi.json').expect(200);
    const result = await new Validator().validate(res.body);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    assert.deepEqual(Object.keys(res.body.paths).sort(), [
      '/api/v1/challenges',
      '/api/v1/challenges/{slug}',
    ]);
  });
});

describe('/api/v1 rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ apiRateLimit: { windowMs: 60_000, limit: 2 } });
  });
  after(() => t.close());

  it('answers 429 JSON with RateLimit headers after the limit', async () => {
    await request(t.app).get('/api/v1/challenges').expect(200);
    await request(t.app).get('/api/v1/challenges').expect(200);
    const res = await request(t.app).get('/api/v1/challenges').expect(429);
    assert.equal(res.body.error.code, 'too_many_requests');
    assert.ok(res.headers['ratelimit']);
    assert.ok(res.headers['retry-after']);
  });
});

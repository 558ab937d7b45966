import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { Options } from 'express-rate-limit';
import request from 'supertest';
import { rateLimits } from '../../../../models/schema/index.ts';
import type { Database } from '../../../../server/db/database.ts';
import {
  DatabaseRateLimitStore,
  deleteExpiredRateLimits,
} from '../../../../server/http/rate-limit-store.ts';
import { createTestDatabase } from '../../../support/test-db.ts';
import { buildTestApp } from '../../../support/test-app.ts';

const MINUTE = 60_000;

describe('DatabaseRateLimitStore', () => {
  let database: Database;
  let counter = 0;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  /** A store of its own prefix, initialised as express-rate-limit does. */
  function store(windowMs = MINUTE, prefix = `prueba-${(counter += 1)}`) {
    const made = new DatabaseRateLimitStore(database.db, prefix);
    made.init({ windowMs } as Options);
    return made;
  }

  /** Moves a counter's window end by `ms` (negative: into the past), as time passing would. */
  async function shiftWindow(made: DatabaseRateLimitStore, key: string, ms: number) {
    await database.db
      .update(rateLimits)
      .set({ resetAt: sql`${rateLimits.resetAt} + make_interval(secs => ${ms / 1000})` })
      .where(eq(rateLimits.key, `${made.prefix}:${key}`));
  }

  it('counts the hits within a window that ends one window from the first hit', async () => {
    const limits = store(MINUTE);
    const startedAt = Date.now();
    const first = await limits.increment('cliente');
    assert.equal(first.totalHits, 1);
    const resetAt = first.resetTime!.getTime();
    assert.ok(Math.abs(resetAt - (startedAt + MINUTE)) < 5_000, `${resetAt - startedAt} ms`);
    assert.equal((await limits.increment('cliente')).totalHits, 2);
    const third = await limits.increment('cliente');
    assert.equal(third.totalHits, 3);
    assert.equal(third.resetTime!.getTime(), resetAt, 'hits within a window keep its end');
  });

  it('starts a new window once the old one has ended', async () => {
    const limits = store(MINUTE);
    for (let i = 0; i < 5; i++) await limits.increment('cliente');
    await shiftWindow(limits, 'cliente', -MINUTE - 1_000);
    const startedAt = Date.now();
    const fresh = await limits.increment('cliente');
    assert.equal(fresh.totalHits, 1);
    assert.ok(fresh.resetTime!.getTime() > startedAt + MINUTE - 5_000, 'a whole new window');
    assert.equal((await limits.increment('cliente')).totalHits, 2);
  });

  it('keeps counting while the window has not quite ended', async () => {
    const limits = store(MINUTE);
    await limits.increment('cliente');
    await shiftWindow(limits, 'cliente', -MINUTE + 10_000);
    assert.equal((await limits.increment('cliente')).totalHits, 2);
  });

  it('resets with real time: a short window ends by itself', async () => {
    const limits = store(1_000);
    await limits.increment('cliente');
    assert.equal((await limits.increment('cliente')).totalHits, 2);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal((await limits.increment('cliente')).totalHits, 1);
  });

  it('takes one hit back on decrement, never below zero', async () => {
    const limits = store();
    await limits.increment('cliente');
    await limits.increment('cliente');
    await limits.decrement('cliente');
    assert.equal((await limits.increment('cliente')).totalHits, 2);
    for (let i = 0; i < 4; i++) await limits.decrement('cliente');
    assert.equal((await limits.increment('cliente')).totalHits, 1);
    await limits.decrement('nadie');
    assert.equal((await limits.increment('nadie')).totalHits, 1);
  });

  it('forgets a key on reset', async () => {
    const limits = store();
    for (let i = 0; i < 3; i++) await limits.increment('cliente');
    await limits.increment('vecino');
    await limits.resetKey('cliente');
    assert.equal((await limits.increment('cliente')).totalHits, 1);
    assert.equal((await limits.increment('vecino')).totalHits, 2, 'other keys are kept');
  });

  it('keeps different keys and different prefixes apart', async () => {
    const one = store(MINUTE, 'uno');
    const two = store(MINUTE, 'dos');
    await one.increment('a');
    await one.increment('a');
    assert.equal((await one.increment('b')).totalHits, 1);
    assert.equal((await two.increment('a')).totalHits, 1);
    assert.equal((await one.increment('a')).totalHits, 3);
    await two.resetKey('a');
    assert.equal((await one.increment('a')).totalHits, 4);
  });

  it('deletes only the counters whose window has ended', async () => {
    const limits = store();
    await limits.increment('vencido');
    await limits.increment('vigente');
    await shiftWindow(limits, 'vencido', -MINUTE - 1_000);
    await deleteExpiredRateLimits(database.db);
    const keys = (await database.db.select({ key: rateLimits.key }).from(rateLimits)).map(
      (row) => row.key,
    );
    assert.ok(!keys.includes(`${limits.prefix}:vencido`));
    assert.ok(keys.includes(`${limits.prefix}:vigente`));
  });
});

describe('a limited client', () => {
  it('is served again once the window has ended', async () => {
    const test = await buildTestApp({ writeRateLimit: { windowMs: 2_000, limit: 2 } });
    try {
      const post = async () =>
        (await request(test.app).post('/lo-que-sea').type('form').send({})).status;
      // Within the limit the request reaches the CSRF check (403); past it, 429.
      assert.deepEqual([await post(), await post(), await post()], [403, 403, 429]);
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      assert.equal(await post(), 403, 'a new window lets it through');
      assert.equal(await post(), 403);
      assert.equal(await post(), 429);
    } finally {
      await test.close();
    }
  });
});

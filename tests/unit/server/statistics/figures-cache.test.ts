import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statisticsCache } from '../../../../server/statistics/figures-cache.ts';
import type { Statistics } from '../../../../server/statistics/index.ts';

// One computation per filter per minute, shared by the requests that arrive while it runs.

function counting() {
  const calls: unknown[] = [];
  const compute = async (filters: { state?: string; organizationSlug?: string }) => {
    calls.push(filters);
    await new Promise((resolve) => setImmediate(resolve));
    return { funnel: { published: calls.length } } as unknown as Statistics;
  };
  return { calls, compute };
}

function fakeClock() {
  let ms = 1_000;
  return { clock: { now: () => ms }, advance: (by: number) => (ms += by) };
}

describe('statisticsCache', () => {
  it('computes once for requests in the same minute, even when they arrive together', async () => {
    const { calls, compute } = counting();
    const { clock, advance } = fakeClock();
    const cache = statisticsCache(compute, { ttlMs: 60_000, clock });
    const together = await Promise.all([cache.figures({}), cache.figures({}), cache.figures({})]);
    assert.equal(calls.length, 1);
    assert.ok(together.every((figures) => figures === together[0]));
    advance(59_000);
    assert.equal(await cache.figures({}), together[0]);
    assert.equal(calls.length, 1);
  });

  it('computes again once the minute is over', async () => {
    const { calls, compute } = counting();
    const { clock, advance } = fakeClock();
    const cache = statisticsCache(compute, { ttlMs: 60_000, clock });
    const first = await cache.figures({ state: 'OAX' });
    advance(60_001);
    const second = await cache.figures({ state: 'OAX' });
    assert.equal(calls.length, 2);
    assert.notEqual(second, first);
    assert.equal(second.funnel.published, 2);
  });

  it('keeps each filter apart, and equal filters together', async () => {
    const { calls, compute } = counting();
    const cache = statisticsCache(compute, { clock: fakeClock().clock });
    await cache.figures({ state: 'OAX' });
    await cache.figures({ state: 'OAX', organizationSlug: undefined });
    await cache.figures({ state: 'JAL' });
    await cache.figures({ organizationSlug: 'OAX' });
    await cache.figures({});
    assert.deepEqual(calls, [{ state: 'OAX' }, { state: 'JAL' }, { organizationSlug: 'OAX' }, {}]);
  });

  it('does not keep a failed computation', async () => {
    let attempts = 0;
    const cache = statisticsCache(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database went away');
        return { funnel: { published: 7 } } as unknown as Statistics;
      },
      { clock: fakeClock().clock },
    );
    await assert.rejects(cache.figures({}), /database went away/);
    assert.equal((await cache.figures({})).funnel.published, 7);
    assert.equal(attempts, 2);
  });

  it('holds a bounded number of filters', async () => {
    const { calls, compute } = counting();
    const cache = statisticsCache(compute, { maxEntries: 2, clock: fakeClock().clock });
    for (const state of ['AGU', 'BCN', 'BCS']) await cache.figures({ state });
    await cache.figures({ state: 'AGU' });
    assert.equal(calls.length, 4);
  });
});

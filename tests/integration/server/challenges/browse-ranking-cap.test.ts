import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { Challenge } from '../../../../models/schema/index.ts';
import { RANKED_MATCHES } from '../../../../server/challenges/browse-search.ts';
import { makeChallengeRows } from '../../../support/challenge-factories.ts';
import { makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

// A search ranks its RANKED_MATCHES newest matches by relevance, not every match: older ones,
// however relevant, are left to the newest-first order, which the page links to.

const slugsIn = (html: string) =>
  [...html.matchAll(/<h3 class="card__title"><a href="\/retos\/([^"]+)">/g)].map((m) => m[1]!);

const decode = (href: string) => href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

const nextLinkIn = (html: string) => {
  const href = /<a class="[^"]*" rel="next" href="([^"]+)"/.exec(html)?.[1];
  return href ? decode(href) : undefined;
};

const countIn = (html: string) =>
  /<h2 id="results-heading" class="browse__count">([^<]+)<\/h2>/.exec(html)?.[1];

describe('/retos?q=: ranking a bounded set of matches', () => {
  let test: TestApp;
  let rows: Challenge[];
  const EXTRA = 5;
  // Where the word is decides the rank: the title weighs most, then the pitch, then the problem.
  const level = (row: Challenge) =>
    row.title.includes('Huerto') ? 0 : row.pitch.includes('huerto') ? 1 : 2;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const organization = await makeOrganization(db);
    const base = Date.parse('2026-06-01T12:00:00.000Z');
    rows = await makeChallengeRows(
      db,
      organization.id,
      Array.from({ length: RANKED_MATCHES + EXTRA }, (_, i) => {
        // The oldest few have the word in their title: the most relevant of all.
        const kind = i < EXTRA ? 0 : i % 10 === 0 ? 0 : i % 3 === 0 ? 1 : 2;
        return {
          slug: `cap-${String(i).padStart(3, '0')}`,
          title: kind === 0 ? `Huerto escolar ${i}` : `Reto vecinal ${i}`,
          pitch: kind === 1 ? 'Un huerto para la escuela.' : 'Un problema del barrio.',
          problem: 'Queremos sembrar un huerto.',
          publishedAt: new Date(base + i * 60_000),
        };
      }),
    );
    // Not a match: it never enters the set.
    await makeChallengeRows(db, organization.id, [{ slug: 'cap-otro', title: 'Bicicletas' }]);
  });
  after(() => test.close());

  async function walk(url: string | undefined) {
    const seen: string[] = [];
    let first: string | undefined;
    while (url) {
      const page = await request(test.app).get(url);
      assert.equal(page.status, 200, url);
      first ??= page.text;
      seen.push(...slugsIn(page.text));
      url = nextLinkIn(page.text);
      assert.ok(seen.length <= RANKED_MATCHES + EXTRA + 20, 'the walk ends');
    }
    return { seen, first: first! };
  }

  it('ranks only the newest matches, in relevance order, then newest, across pages', async () => {
    const { seen, first } = await walk('/retos?q=huertos');
    const newest = [...rows].sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime());
    const ranked = newest.slice(0, RANKED_MATCHES);
    const expected = [...ranked]
      .sort(
        (a, b) =>
          level(a) - level(b) ||
          b.publishedAt!.getTime() - a.publishedAt!.getTime() ||
          (a.id < b.id ? 1 : -1),
      )
      .map((row) => row.slug);
    assert.equal(seen.length, RANKED_MATCHES, 'the cap');
    assert.deepEqual(seen, expected);
    for (const oldest of newest.slice(RANKED_MATCHES)) {
      assert.ok(!seen.includes(oldest.slug), `${oldest.slug}, relevant but older, is not ranked`);
    }
    // The count is of every match, and the page says which were ranked and links to them all.
    assert.equal(countIn(first), `${RANKED_MATCHES + EXTRA} retos sobre «huertos»`);
    assert.match(first, new RegExp(`Ordenamos por relevancia los ${RANKED_MATCHES} más recientes`));
    const link = /class="browse__ranked">[^<]*<a href="([^"]+)"/.exec(first)?.[1];
    assert.equal(decode(link ?? ''), '/retos?q=huertos&orden=recientes');
  });

  it('lists every match, newest first, when asked for that order', async () => {
    const { seen, first } = await walk('/retos?q=huertos&orden=recientes');
    assert.equal(seen.length, RANKED_MATCHES + EXTRA);
    assert.doesNotMatch(first, /Ordenamos por relevancia/);
  });

  it('says nothing of a cap when every match was ranked', async () => {
    const page = await request(test.app).get('/retos?q=escolar');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /Ordenamos por relevancia/);
    const english = await request(test.app).get('/retos?q=huertos&lang=en');
    assert.match(english.text, new RegExp(`The ${RANKED_MATCHES} most recent are ranked`));
  });
});

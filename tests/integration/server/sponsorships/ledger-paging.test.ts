import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { sponsorships } from '../../../../models/schema/index.ts';
import { LEDGER_PAGE_SIZE } from '../../../../server/sponsorships/ledger-routes.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

const ROWS = LEDGER_PAGE_SIZE * 2 + 20;

/** The sponsorship ids the page lists, in order. */
const idsIn = (html: string) =>
  [...html.matchAll(/href="\/patrocinios\/([0-9a-f-]{36})"/g)].map((match) => match[1]!);
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

describe('the sponsorship ledger page, in pages', () => {
  let test: TestApp;
  // Newest first, as the ledger lists them.
  let newestFirst: string[];
  let pledgedCentavos = 0;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const office = await makeOrganization(db, {
      slug: 'zapopan',
      kind: 'government',
      verifiedAt: new Date(),
    });
    const challenge = await makeChallenge(db);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    const values = Array.from({ length: ROWS }, (_, index) => {
      pledgedCentavos += 100 + index;
      return {
        challengeId: challenge.id,
        organizationId: office.id,
        kind: 'prize' as const,
        amountCentavos: 100 + index,
        status: 'pledged' as const,
        createdAt: new Date(start + index * 60_000),
      };
    });
    const rows = await db.insert(sponsorships).values(values).returning({ id: sponsorships.id });
    newestFirst = rows.map((row) => row.id).reverse();
  });
  after(() => test.close());

  it('shows one page of rows, with the totals and the count of every row', async () => {
    const page = await request(test.app).get('/patrocinios').expect(200);
    assert.deepEqual(idsIn(page.text), newestFirst.slice(0, LEDGER_PAGE_SIZE));
    assert.match(page.text, new RegExp(`>${ROWS} compromisos</h2>`));
    const money = `$${(pledgedCentavos / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    assert.ok(page.text.includes(money), `the pledged total ${money} covers every row`);
    assert.match(page.text, /Página 1 de 3/);
    assert.ok(
      unescaped(page.text).includes('href="/patrocinios?pagina=2#rows-heading" rel="next"'),
    );
    assert.doesNotMatch(page.text, /rel="prev"/);
  });

  it('walks to the last page and back, keeping the filters in the links', async () => {
    const last = await request(test.app)
      .get('/patrocinios')
      .query({ tipo: 'prize', pagina: '3' })
      .expect(200);
    assert.deepEqual(idsIn(last.text), newestFirst.slice(LEDGER_PAGE_SIZE * 2));
    const html = unescaped(last.text);
    assert.ok(html.includes('href="/patrocinios?tipo=prize&pagina=2#rows-heading" rel="prev"'));
    assert.doesNotMatch(html, /rel="next"/);
    const middle = await request(test.app).get('/patrocinios?tipo=prize&pagina=2').expect(200);
    assert.deepEqual(idsIn(middle.text), newestFirst.slice(LEDGER_PAGE_SIZE, LEDGER_PAGE_SIZE * 2));
  });

  it('falls back to the first page for a tampered page number', async () => {
    for (const pagina of ['0', '-1', 'abc', '2.5', '4', '99999999999', '1;DROP']) {
      const page = await request(test.app).get('/patrocinios').query({ pagina }).expect(200);
      assert.deepEqual(idsIn(page.text), newestFirst.slice(0, LEDGER_PAGE_SIZE), pagina);
    }
    await request(test.app).get('/patrocinios?pagina=2&pagina=3').expect(200);
  });

  it('keeps the downloads complete', async () => {
    const json = await request(test.app).get('/patrocinios.json').expect(200);
    assert.equal((json.body as { sponsorships: unknown[] }).sponsorships.length, ROWS);
  });
});

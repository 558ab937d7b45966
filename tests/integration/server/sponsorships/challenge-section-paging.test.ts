import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sponsorships, type Challenge } from '../../../../models/schema/index.ts';
import { CHALLENGE_PLEDGES_PAGE_SIZE } from '../../../../server/sponsorships/challenge-section.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const PLEDGES = CHALLENGE_PLEDGES_PAGE_SIZE + 4;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

/** The pledge ids the challenge page's sponsor section lists, in order. */
function idsIn(html: string): string[] {
  const start = html.indexOf('id="patrocinadores"');
  assert.ok(start >= 0, 'the page has the sponsor section');
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...section.matchAll(/href="\/patrocinios\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

describe('the sponsors of a challenge, in pages', () => {
  let test: TestApp;
  let challenge: Challenge;
  let newestFirst: string[];

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    challenge = await makeChallenge(db);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    const rows = await db
      .insert(sponsorships)
      .values(
        Array.from({ length: PLEDGES }, (_, n) => ({
          challengeId: challenge.id,
          organizationId: office.id,
          kind: 'hosting' as const,
          description: 'Servidores',
          createdAt: new Date(start + n * 60_000),
        })),
      )
      .returning({ id: sponsorships.id });
    newestFirst = rows.map((row) => row.id).reverse();
  });
  after(() => test.close());

  const path = () => `/retos/${challenge.slug}`;

  it('lists one page of pledges, counts them all and links to the rest', async () => {
    const page = await visitor(test.app).get(path()).expect(200);
    assert.deepEqual(idsIn(page.text), newestFirst.slice(0, CHALLENGE_PLEDGES_PAGE_SIZE));
    const html = unescaped(page.text);
    assert.match(html, new RegExp(`Patrocinios \\(${PLEDGES}\\)</h2>`));
    assert.ok(html.includes(`href="${path()}?patrocinios=2#patrocinadores" rel="next"`));
    const next = await visitor(test.app).get(`${path()}?patrocinios=2`).expect(200);
    assert.deepEqual(idsIn(next.text), newestFirst.slice(CHALLENGE_PLEDGES_PAGE_SIZE));
  });

  it('falls back to the first page for a tampered page number', async () => {
    for (const patrocinios of ['0', 'x', '-1', '3', '0x2']) {
      const page = await visitor(test.app).get(path()).query({ patrocinios }).expect(200);
      assert.deepEqual(
        idsIn(page.text),
        newestFirst.slice(0, CHALLENGE_PLEDGES_PAGE_SIZE),
        patrocinios,
      );
    }
  });
});

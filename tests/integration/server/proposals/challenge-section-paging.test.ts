import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Challenge } from '../../../../models/schema/index.ts';
import { PROPOSALS_PAGE_SIZE } from '../../../../server/proposals/challenge-section.ts';
import { makeChallenge } from '../../../support/factories.ts';
import { makeProposal } from '../../../support/proposal-factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const PROPOSALS = PROPOSALS_PAGE_SIZE + 3;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

/** The proposal titles the challenge page lists, by their number. */
function numbersIn(html: string): number[] {
  const start = html.indexOf('id="propuestas"');
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...section.matchAll(/Propuesta número (\d+)</g)].map((match) => Number(match[1]));
}

describe('proposals on the challenge page, in pages', () => {
  let test: TestApp;
  let challenge: Challenge;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    challenge = await makeChallenge(db);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let n = 0; n < PROPOSALS; n++)
      await makeProposal(db, {
        challenge,
        overrides: {
          title: `Propuesta número ${n}`,
          status: 'submitted',
          submittedAt: new Date(start + n * 60_000),
        },
      });
    // A draft is never listed, nor counted.
    await makeProposal(db, { challenge, overrides: { title: 'Propuesta número 999' } });
  });
  after(() => test.close());

  const numbers = (from: number, to?: number) =>
    Array.from({ length: PROPOSALS }, (_, n) => n).slice(from, to);

  it('lists one page, counts every public proposal and links to the next page', async () => {
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    assert.deepEqual(numbersIn(page.text), numbers(0, PROPOSALS_PAGE_SIZE));
    const html = unescaped(page.text);
    assert.match(html, new RegExp(`Propuestas \\(${PROPOSALS}\\)</h2>`));
    assert.ok(html.includes(`href="/retos/${challenge.slug}?propuestas=2#propuestas" rel="next"`));
    const next = await visitor(test.app).get(`/retos/${challenge.slug}?propuestas=2`).expect(200);
    assert.deepEqual(numbersIn(next.text), numbers(PROPOSALS_PAGE_SIZE));
  });

  it('pages the proposals and the questions independently', async () => {
    const page = await visitor(test.app)
      .get(`/retos/${challenge.slug}?propuestas=2&preguntas=5`)
      .expect(200);
    assert.deepEqual(numbersIn(page.text), numbers(PROPOSALS_PAGE_SIZE));
    assert.ok(
      unescaped(page.text).includes(
        `href="/retos/${challenge.slug}?preguntas=5#propuestas" rel="prev"`,
      ),
    );
  });

  it('falls back to the first page for a tampered page number', async () => {
    for (const propuestas of ['0', 'dos', '-2', '9', '2e1']) {
      const page = await visitor(test.app)
        .get(`/retos/${challenge.slug}`)
        .query({ propuestas })
        .expect(200);
      assert.deepEqual(numbersIn(page.text), numbers(0, PROPOSALS_PAGE_SIZE), propuestas);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { progressUpdates, type Proposal } from '../../../../models/schema/index.ts';
import { PROGRESS_PAGE_SIZE } from '../../../../server/tracking/proposal-section.ts';
import { makeProposal } from '../../../support/proposal-factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const UPDATES = PROGRESS_PAGE_SIZE * 2 + 3;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
/** The numbers of the progress updates the page shows, in order. */
const numbersIn = (html: string) =>
  [...html.matchAll(/Avance número (\d+)</g)].map((match) => Number(match[1]));

describe('the progress timeline of a proposal, in pages', () => {
  let test: TestApp;
  let proposal: Proposal;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    proposal = await makeProposal(db, { overrides: { status: 'in_progress' } });
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    await db.insert(progressUpdates).values(
      Array.from({ length: UPDATES }, (_, n) => ({
        proposalId: proposal.id,
        authorId: proposal.leadId,
        body: `Avance número ${n}`,
        createdAt: new Date(start + n * 60_000),
      })),
    );
  });
  after(() => test.close());

  // Newest first.
  const newest = (from: number, to?: number) =>
    Array.from({ length: UPDATES }, (_, n) => UPDATES - 1 - n).slice(from, to);
  const path = () => `/propuestas/${proposal.id}`;

  it('shows the newest page, counts every update and links to older ones', async () => {
    const page = await visitor(test.app).get(path()).expect(200);
    assert.deepEqual(numbersIn(page.text), newest(0, PROGRESS_PAGE_SIZE));
    const html = unescaped(page.text);
    assert.match(html, new RegExp(`Avances \\(${UPDATES}\\)</h3>`));
    assert.match(html, new RegExp(`<ol class="timeline" reversed start="${UPDATES}">`));
    assert.ok(html.includes(`href="${path()}?avances=2#avances" rel="next"`));
  });

  it('numbers an older page on from the newest', async () => {
    const page = await visitor(test.app).get(`${path()}?avances=3`).expect(200);
    assert.deepEqual(numbersIn(page.text), newest(PROGRESS_PAGE_SIZE * 2));
    assert.match(page.text, /<ol class="timeline" reversed start="3">/);
    assert.ok(unescaped(page.text).includes(`href="${path()}?avances=2#avances" rel="prev"`));
  });

  it('falls back to the newest page for a tampered page number', async () => {
    for (const avances of ['0', 'x', '-1', '4', '10000000']) {
      const page = await visitor(test.app).get(path()).query({ avances }).expect(200);
      assert.deepEqual(numbersIn(page.text), newest(0, PROGRESS_PAGE_SIZE), avances);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROFILE_PAGE_SIZE } from '../../../../server/volunteers/service.ts';
import { makeTeamProposal, makeVolunteer } from '../../../support/claim-factories.ts';
import { makeChallenge } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const PROPOSALS = PROFILE_PAGE_SIZE + 5;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

/** The proposals the profile's proposal section lists, by their number, in order. */
function numbersIn(html: string): number[] {
  const start = html.indexOf('id="propuestas"');
  assert.ok(start >= 0, 'the profile has its proposals section');
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...section.matchAll(/>Idea número (\d+)</g)].map((match) => Number(match[1]));
}

describe('a volunteer’s profile, in pages', () => {
  let test: TestApp;
  const path = '/voluntarios/muchas-ideas';

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const challenge = await makeChallenge(db);
    const luz = await makeVolunteer(db, { githubLogin: 'muchas-ideas' });
    for (let n = 0; n < PROPOSALS; n++)
      await makeTeamProposal(db, challenge, luz, { title: `Idea número ${n}` });
  });
  after(() => test.close());

  it('lists one page of proposals, counts them all and links to the rest', async () => {
    const page = await visitor(test.app).get(path).expect(200);
    const first = numbersIn(page.text);
    assert.equal(first.length, PROFILE_PAGE_SIZE);
    const html = unescaped(page.text);
    assert.match(html, new RegExp(`\\(${PROPOSALS}\\)</h2>`));
    assert.ok(html.includes(`href="${path}?propuestas=2#propuestas" rel="next"`));
    const next = await visitor(test.app).get(`${path}?propuestas=2`).expect(200);
    const rest = numbersIn(next.text);
    assert.equal(rest.length, PROPOSALS - PROFILE_PAGE_SIZE);
    assert.deepEqual(
      [...first, ...rest].sort((a, b) => a - b),
      Array.from({ length: PROPOSALS }, (_, n) => n),
      'the two pages hold every proposal once',
    );
  });

  it('falls back to the first page for a tampered page number', async () => {
    const first = numbersIn((await visitor(test.app).get(path).expect(200)).text);
    for (const propuestas of ['0', 'x', '-1', '3', '']) {
      const page = await visitor(test.app).get(path).query({ propuestas }).expect(200);
      assert.deepEqual(numbersIn(page.text), first, propuestas);
    }
  });
});

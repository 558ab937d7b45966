import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Challenge } from '../../../../models/schema/index.ts';
import { CLAIMS_PAGE_SIZE } from '../../../../server/claims/challenge-section.ts';
import {
  makeClaim,
  makeVolunteer,
  roomyLimits,
  signedInPerson,
} from '../../../support/claim-factories.ts';
import { makeChallenge } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const CLAIMS = CLAIMS_PAGE_SIZE + 5;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

/** The claims section of a challenge page. */
function claimsHtml(html: string): string {
  const start = html.indexOf('id="trabajando"');
  assert.ok(start >= 0, 'the page has the claims section');
  return html.slice(start, html.indexOf('</section>', start));
}
const namesIn = (html: string) =>
  [...claimsHtml(html).matchAll(/Persona en lista (\d+)/g)].map((match) => Number(match[1]));

describe('who works on a challenge, in pages', () => {
  let test: TestApp;
  let challenge: Challenge;

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    challenge = await makeChallenge(db);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let n = 0; n < CLAIMS; n++) {
      const volunteer = await makeVolunteer(db, { name: `Persona en lista ${n}` });
      const createdAt = new Date(start + n * 60_000);
      await makeClaim(db, challenge, volunteer, { createdAt });
    }
  });
  after(() => test.close());

  const numbers = (from: number, to?: number) =>
    Array.from({ length: CLAIMS }, (_, n) => n).slice(from, to);

  it('shows one page of people, with the count of all and a link to the rest', async () => {
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    assert.deepEqual(namesIn(page.text), numbers(0, CLAIMS_PAGE_SIZE));
    const section = unescaped(claimsHtml(page.text));
    assert.match(section, new RegExp(`\\(${CLAIMS}\\)</h2>`));
    assert.ok(section.includes(`href="/retos/${challenge.slug}?trabajando=2#trabajando"`));
    const next = await visitor(test.app).get(`/retos/${challenge.slug}?trabajando=2`).expect(200);
    assert.deepEqual(namesIn(next.text), numbers(CLAIMS_PAGE_SIZE));
  });

  it('falls back to the first page for a tampered page number', async () => {
    for (const trabajando of ['0', 'x', '-1', '3', '1.5']) {
      const page = await visitor(test.app)
        .get(`/retos/${challenge.slug}`)
        .query({ trabajando })
        .expect(200);
      assert.deepEqual(namesIn(page.text), numbers(0, CLAIMS_PAGE_SIZE), trabajando);
    }
  });

  it('offers to let go, not to claim again, when the viewer’s own claim is on another page', async () => {
    const late = await signedInPerson(test, 'tarde@example.org', { login: 'tarde-dev' });
    await makeClaim(test.database.db, challenge, late.user, {
      createdAt: new Date('2026-06-01T00:00:00.000Z'),
    });
    const page = await late.person.get(`/retos/${challenge.slug}`).expect(200);
    const section = claimsHtml(page.text);
    assert.match(section, new RegExp(`action="/retos/${challenge.slug}/soltar"`));
    assert.doesNotMatch(section, new RegExp(`action="/retos/${challenge.slug}/reclamar"`));
  });
});

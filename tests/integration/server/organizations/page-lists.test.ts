import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sponsorships, type Organization } from '../../../../models/schema/index.ts';
import { ORGANIZATION_CHALLENGES_PAGE_SIZE } from '../../../../server/challenges/organization-section.ts';
import { OFFICE_PLEDGES_SHOWN } from '../../../../server/sponsorships/organization-section.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const CHALLENGES = ORGANIZATION_CHALLENGES_PAGE_SIZE + 4;
const PLEDGES = OFFICE_PLEDGES_SHOWN + 6;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

/** The numbers of the challenges the page lists as cards, in order. */
const challengeNumbers = (html: string) =>
  [...html.matchAll(/>Reto de la oficina (\d+)<\/a><\/h3>/g)].map((match) => Number(match[1]));
/** The pledges listed in the office's sponsorship section. */
function pledgeCount(html: string): number {
  const start = html.indexOf('id="sponsorships-heading"');
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...section.matchAll(/href="\/patrocinios\/[0-9a-f-]{36}"/g)].length;
}

describe('the lists on an organization page', () => {
  let test: TestApp;
  let office: Organization;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    office = await makeOrganization(db, {
      slug: 'oficina-con-muchos-retos',
      kind: 'government',
      verifiedAt: new Date(),
    });
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let n = 0; n < CHALLENGES; n++)
      await makeChallenge(db, {
        organizationId: office.id,
        title: `Reto de la oficina ${n}`,
        publishedAt: new Date(start + n * 60_000),
      });
    const target = await makeChallenge(db, { title: 'Reto patrocinado' });
    await db.insert(sponsorships).values(
      Array.from({ length: PLEDGES }, () => ({
        challengeId: target.id,
        organizationId: office.id,
        kind: 'mentorship' as const,
        description: 'Mentoría',
      })),
    );
  });
  after(() => test.close());

  // Newest first: the last made comes first.
  const newest = (from: number, to: number) =>
    Array.from({ length: CHALLENGES }, (_, n) => CHALLENGES - 1 - n).slice(from, to);
  const path = () => `/organizaciones/${office.slug}`;

  it('lists one page of challenges, counts them all and links to the next page', async () => {
    const page = await visitor(test.app).get(path()).expect(200);
    assert.deepEqual(challengeNumbers(page.text), newest(0, ORGANIZATION_CHALLENGES_PAGE_SIZE));
    const html = unescaped(page.text);
    assert.match(html, new RegExp(`Retos \\(${CHALLENGES}\\)</h2>`));
    assert.ok(html.includes(`href="${path()}?retos=2#retos" rel="next"`));
    const next = await visitor(test.app).get(`${path()}?retos=2`).expect(200);
    assert.deepEqual(
      challengeNumbers(next.text),
      newest(ORGANIZATION_CHALLENGES_PAGE_SIZE, CHALLENGES),
    );
  });

  it('falls back to the first page of challenges for a tampered page number', async () => {
    for (const retos of ['0', 'x', '3', '-1', '%00']) {
      const page = await visitor(test.app).get(path()).query({ retos }).expect(200);
      assert.deepEqual(
        challengeNumbers(page.text),
        newest(0, ORGANIZATION_CHALLENGES_PAGE_SIZE),
        retos,
      );
    }
  });

  it('shows the newest pledges and links to all of them, counted, in the ledger', async () => {
    const page = await visitor(test.app).get(path()).expect(200);
    assert.equal(pledgeCount(page.text), OFFICE_PLEDGES_SHOWN);
    assert.ok(
      unescaped(page.text).includes(
        `href="/patrocinios?oficina=${office.slug}">Ver todos sus compromisos (${PLEDGES}) en el registro público</a>`,
      ),
    );
    const ledger = await visitor(test.app).get(`/patrocinios?oficina=${office.slug}`).expect(200);
    assert.match(ledger.text, new RegExp(`>${PLEDGES} compromisos</h2>`));
  });
});

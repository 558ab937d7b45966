import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ORGANIZATIONS_PAGE_SIZE } from '../../../../server/organizations/routes.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const cardNames = (html: string) =>
  [...html.matchAll(/<h2 class="card__title"><a href="\/organizaciones\/[^"]+">([^<]+)<\/a>/g)].map(
    (match) => match[1],
  );
const nextLink = (html: string) =>
  /<a class="pager__link" href="([^"]+)" rel="next">/
    .exec(html)?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&#x3D;/g, '=');

describe('/organizaciones in pages', () => {
  let test: TestApp;
  const names: string[] = [];
  before(async () => {
    test = await buildTestApp();
    for (let i = 0; i < ORGANIZATIONS_PAGE_SIZE + 3; i += 1) {
      const name = `Colectivo ${String(i).padStart(2, '0')}`;
      names.push(name);
      const organization = await makeOrganization(test.database.db, {
        name,
        kind: i % 2 === 0 ? 'community' : 'ngo',
      });
      if (i === 0) await makeChallenge(test.database.db, { organizationId: organization.id });
    }
  });
  after(() => test.close());

  it('shows one page at a time, by name, and the next page has the rest', async () => {
    const first = await visitor(test.app).get('/organizaciones').expect(200);
    assert.deepEqual(cardNames(first.text), names.slice(0, ORGANIZATIONS_PAGE_SIZE));
    assert.match(first.text, /1 reto publicado/);
    const next = nextLink(first.text);
    assert.equal(next, '/organizaciones?pagina=2');
    const second = await visitor(test.app).get(next!).expect(200);
    assert.deepEqual(cardNames(second.text), names.slice(ORGANIZATIONS_PAGE_SIZE));
    assert.equal(nextLink(second.text), undefined, 'the last page links no further');
  });

  it('keeps the kind filter across pages and counts only that kind', async () => {
    const communities = names.filter((_, i) => i % 2 === 0);
    const first = await visitor(test.app).get('/organizaciones?tipo=community').expect(200);
    assert.deepEqual(cardNames(first.text), communities.slice(0, ORGANIZATIONS_PAGE_SIZE));
    assert.equal(nextLink(first.text), undefined, `${communities.length} fit on one page`);
  });

  it('answers a page past the end or a tampered page number with the first page', async () => {
    for (const pagina of ['99', '-1', 'dos', '1e9']) {
      const page = await visitor(test.app).get(`/organizaciones?pagina=${pagina}`).expect(200);
      assert.deepEqual(cardNames(page.text), names.slice(0, ORGANIZATIONS_PAGE_SIZE), pagina);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Organization } from '../../../../models/schema/index.ts';
import {
  DASHBOARD_LIST_CAP,
  OUR_LIST_PAGE_SIZE,
} from '../../../../server/dashboards/organization-lists.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { relaxedLimits, signedIn } from '../../../support/organization-factories.ts';
import { makeProposal } from '../../../support/proposal-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

const TO_REVIEW = OUR_LIST_PAGE_SIZE + 4;
const DRAFTS = DASHBOARD_LIST_CAP + 2;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
/** The numbers of the proposals a page lists, in order. */
const reviewNumbers = (html: string) =>
  [...html.matchAll(/>Propuesta por revisar (\d+)<\/a>/g)].map((match) => Number(match[1]));
/** The numbers of the draft challenges a page lists, in order. */
const draftNumbers = (html: string) =>
  [...html.matchAll(/>Borrador número (\d+)<\/a>/g)].map((match) => Number(match[1]));
const upTo = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => from + n);

describe('the lists of the organization dashboard, capped and paged', () => {
  let test: TestApp;
  let organization: Organization;
  let member: Awaited<ReturnType<typeof signedIn>>;
  let outsider: Awaited<ReturnType<typeof signedIn>>;

  before(async () => {
    test = await buildTestApp(relaxedLimits);
    const db = test.database.db;
    organization = await makeOrganization(db, { slug: 'colectivo-ocupado' });
    member = await signedIn(test, 'miembro-ocupado@example.org', { organization });
    const other = await makeOrganization(db, { slug: 'otra-organizacion' });
    outsider = await signedIn(test, 'ajena-ocupada@example.org', { organization: other });
    const challenge = await makeChallenge(db, { organizationId: organization.id });
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let n = 0; n < TO_REVIEW; n++)
      await makeProposal(db, {
        challenge,
        overrides: {
          status: 'submitted',
          title: `Propuesta por revisar ${n}`,
          submittedAt: new Date(start + n * 60_000),
        },
      });
    for (let n = 0; n < DRAFTS; n++)
      await makeChallenge(db, {
        organizationId: organization.id,
        status: 'draft',
        publishedAt: null,
        title: `Borrador número ${n}`,
        updatedAt: new Date(start + n * 60_000),
      });
  });
  after(() => test.close());

  const listPath = (list: string) => `/nuestros-retos/${organization.slug}/${list}`;

  it('shows the first few of each list, counts them all and links to the rest', async () => {
    const page = await member.person.get('/nuestros-retos').expect(200);
    assert.deepEqual(reviewNumbers(page.text), upTo(0, DASHBOARD_LIST_CAP), 'the longest waiting');
    assert.match(page.text, new RegExp(`<h3>Propuestas por revisar \\(${TO_REVIEW}\\)</h3>`));
    assert.ok(page.text.includes(`<a href="${listPath('revisar')}">Ver todos (${TO_REVIEW})</a>`));
    // The last edited drafts first.
    assert.deepEqual(draftNumbers(page.text), upTo(2, DRAFTS).reverse());
    assert.match(page.text, new RegExp(`<h3>Borradores de retos \\(${DRAFTS}\\)</h3>`));
    assert.ok(page.text.includes(`<a href="${listPath('borradores')}">Ver todos (${DRAFTS})</a>`));
  });

  it('offers no link to the rest of a list that fits', async () => {
    const page = await member.person.get('/nuestros-retos').expect(200);
    assert.ok(!page.text.includes(listPath('confirmar')));
    assert.ok(!page.text.includes(listPath('reclamos')));
  });

  it('pages through a whole list on its own page', async () => {
    const first = await member.person.get(listPath('revisar')).expect(200);
    assert.deepEqual(reviewNumbers(first.text), upTo(0, OUR_LIST_PAGE_SIZE));
    assert.match(first.text, new RegExp(`<h1>Propuestas por revisar \\(${TO_REVIEW}\\)</h1>`));
    assert.ok(unescaped(first.text).includes(`href="${listPath('revisar')}?pagina=2" rel="next"`));

    const second = await member.person.get(`${listPath('revisar')}?pagina=2`).expect(200);
    assert.deepEqual(reviewNumbers(second.text), upTo(OUR_LIST_PAGE_SIZE, TO_REVIEW));
    assert.ok(second.text.includes(`href="${listPath('revisar')}" rel="prev"`));

    const drafts = await member.person.get(listPath('borradores')).expect(200);
    assert.deepEqual(draftNumbers(drafts.text), upTo(0, DRAFTS).reverse());
  });

  it('falls back to the first page for a tampered page number', async () => {
    for (const pagina of ['0', 'x', '-1', '3', '10000000']) {
      const page = await member.person.get(listPath('revisar')).query({ pagina }).expect(200);
      assert.deepEqual(reviewNumbers(page.text), upTo(0, OUR_LIST_PAGE_SIZE), pagina);
    }
  });

  it('shows a list only to the organization’s members, and only lists that exist', async () => {
    await outsider.person.get(listPath('revisar')).expect(404);
    await member.person.get(listPath('cualquiera')).expect(404);
    await member.person.get('/nuestros-retos/no-existe/revisar').expect(404);
  });
});

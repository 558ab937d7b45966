import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { claims, proposalMembers } from '../../../../models/schema/index.ts';
import {
  MY_ACTIONS_CAP,
  MY_CLAIMS_PAGE_SIZE,
  MY_INVITATIONS_PAGE_SIZE,
  MY_PROPOSALS_PAGE_SIZE,
} from '../../../../server/dashboards/my-work.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { relaxedLimits, signedIn } from '../../../support/organization-factories.ts';
import { makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const CLAIMS = MY_CLAIMS_PAGE_SIZE + 3;
const EXPIRING = MY_ACTIONS_CAP + 2;
const DRAFTS = MY_ACTIONS_CAP + 2;
const SUBMITTED = MY_PROPOSALS_PAGE_SIZE;
const PROPOSALS = DRAFTS + SUBMITTED;
const INVITATIONS = MY_INVITATIONS_PAGE_SIZE + 2;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
const numbers = (html: string, label: string) =>
  [...html.matchAll(new RegExp(`>${label} (\\d+)</a>`, 'g'))].map((match) => Number(match[1]));
const upTo = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => from + n);
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `the page has a ${id} section`);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('the lists of Mi trabajo, capped and paged', () => {
  let test: TestApp;
  let volunteer: Awaited<ReturnType<typeof signedIn>>;

  before(async () => {
    test = await buildTestApp(relaxedLimits);
    const db = test.database.db;
    volunteer = await signedIn(test, 'voluntaria-ocupada@example.org');
    const organization = await makeOrganization(db);
    const now = Date.now();
    const expiry = test.config.claimExpiryDays;
    for (let n = 0; n < CLAIMS; n++) {
      const challenge = await makeChallenge(db, {
        organizationId: organization.id,
        title: `Reto reclamado ${n}`,
      });
      // The first few are a day from lapsing, the rest fresh; the soonest to lapse come first.
      const lastActivityAt =
        n < EXPIRING ? now - (expiry - 1) * DAY_MS + n * 60_000 : now - (CLAIMS - n) * 1000;
      await db.insert(claims).values({
        challengeId: challenge.id,
        userId: volunteer.user.id,
        lastActivityAt: new Date(lastActivityAt),
      });
    }
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    for (let n = 0; n < PROPOSALS; n++)
      await makeProposal(db, {
        lead: volunteer.user,
        overrides: {
          status: n < DRAFTS ? 'draft' : 'submitted',
          title: `Propuesta mía ${n}`,
          updatedAt: new Date(start + n * 60_000),
        },
      });
    const lead = await makeVolunteer(db);
    for (let n = 0; n < INVITATIONS; n++) {
      const proposal = await makeProposal(db, { lead, overrides: { title: `Invitación ${n}` } });
      await db.insert(proposalMembers).values({
        proposalId: proposal.id,
        userId: volunteer.user.id,
        role: 'member',
        invitedAt: new Date(start + n * 60_000),
      });
    }
  });
  after(() => test.close());

  it('pages the claims, counts them all and keeps the soonest to lapse first', async () => {
    const page = await volunteer.person.get('/mi-trabajo').expect(200);
    const section = sectionOf(page.text, 'mis-reclamos');
    assert.deepEqual(numbers(section, 'Reto reclamado'), upTo(0, MY_CLAIMS_PAGE_SIZE));
    assert.match(section, new RegExp(`Retos en los que trabajo \\(${CLAIMS}\\)</h2>`));
    assert.ok(unescaped(section).includes('href="/mi-trabajo?reclamos=2#mis-reclamos" rel="next"'));
    const second = await volunteer.person.get('/mi-trabajo?reclamos=2').expect(200);
    const rest = sectionOf(second.text, 'mis-reclamos');
    assert.deepEqual(numbers(rest, 'Reto reclamado'), upTo(MY_CLAIMS_PAGE_SIZE, CLAIMS));
  });

  it('pages the proposals, grouped by status, each group counted in full', async () => {
    const page = await volunteer.person.get('/mi-trabajo').expect(200);
    const section = sectionOf(page.text, 'mis-propuestas');
    // Drafts come first, the last edited first; then the newest submitted fill the page.
    const firstPage = [
      ...upTo(0, DRAFTS).reverse(),
      ...upTo(DRAFTS, PROPOSALS)
        .reverse()
        .slice(0, MY_PROPOSALS_PAGE_SIZE - DRAFTS),
    ];
    assert.deepEqual(numbers(section, 'Propuesta mía'), firstPage);
    assert.match(section, new RegExp(`Mis propuestas \\(${PROPOSALS}\\)</h2>`));
    assert.match(section, new RegExp(`<h3>Borrador \\(${DRAFTS}\\)</h3>`));
    assert.match(section, new RegExp(`<h3>Enviada \\(${SUBMITTED}\\)</h3>`));
    const link = '/mi-trabajo?propuestas=2#mis-propuestas';
    assert.ok(unescaped(section).includes(`href="${link}" rel="next"`));
    const second = await volunteer.person.get('/mi-trabajo?propuestas=2').expect(200);
    const rest = sectionOf(second.text, 'mis-propuestas');
    assert.deepEqual(
      numbers(rest, 'Propuesta mía'),
      upTo(DRAFTS, PROPOSALS)
        .reverse()
        .slice(MY_PROPOSALS_PAGE_SIZE - DRAFTS),
    );
  });

  it('caps each kind of pending action and links to the list that holds the rest', async () => {
    const page = await volunteer.person.get('/mi-trabajo').expect(200);
    const actions = sectionOf(page.text, 'pendientes');
    assert.equal(actions.match(/Borrador por enviar:/g)?.length, MY_ACTIONS_CAP);
    assert.ok(
      actions.includes(
        `<a href="/mi-trabajo#mis-propuestas">y ${DRAFTS - MY_ACTIONS_CAP} borradores más por enviar`,
      ),
    );
    assert.equal(actions.match(/Tu aviso vence en/g)?.length, MY_ACTIONS_CAP);
    assert.ok(
      actions.includes(
        `<a href="/mi-trabajo#mis-reclamos">y ${EXPIRING - MY_ACTIONS_CAP} avisos más por vencer`,
      ),
    );
  });

  it('pages the invitations in place, the oldest first', async () => {
    const page = await volunteer.person.get('/mi-trabajo').expect(200);
    const actions = sectionOf(page.text, 'pendientes');
    assert.deepEqual(numbers(actions, 'Invitación'), upTo(0, MY_INVITATIONS_PAGE_SIZE));
    assert.ok(
      unescaped(actions).includes('href="/mi-trabajo?invitaciones=2#pendientes" rel="next"'),
    );
    const second = await volunteer.person.get('/mi-trabajo?invitaciones=2').expect(200);
    const rest = sectionOf(second.text, 'pendientes');
    assert.deepEqual(numbers(rest, 'Invitación'), upTo(MY_INVITATIONS_PAGE_SIZE, INVITATIONS));
  });

  it('falls back to the first page for tampered page numbers', async () => {
    for (const value of ['0', 'x', '-1', '9', '10000000']) {
      const page = await volunteer.person
        .get('/mi-trabajo')
        .query({ reclamos: value, propuestas: value, invitaciones: value })
        .expect(200);
      const claimsShown = numbers(sectionOf(page.text, 'mis-reclamos'), 'Reto reclamado');
      assert.deepEqual(claimsShown, upTo(0, MY_CLAIMS_PAGE_SIZE), value);
      const invitations = numbers(sectionOf(page.text, 'pendientes'), 'Invitación');
      assert.deepEqual(invitations, upTo(0, MY_INVITATIONS_PAGE_SIZE), value);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Challenge, Organization, Proposal } from '../../models/schema/index.ts';
import { makeChallenge, makeMember, makeOrganization } from '../support/factories.ts';
import { makeProposal } from '../support/proposal-factories.ts';
import {
  expectNoAxeViolations,
  openBrowser,
  screenshot,
  viewports,
  type OpenBrowser,
} from './support/browser.ts';
import { signInWithEmailLink } from './support/journeys.ts';
import { startServer, type E2eServer } from './support/server.ts';

// What people paste: a 200-character URL and a 120-character title with no space to break at.
const longUrl = `https://datos.example.gob.mx/${'conjunto-de-datos-abiertos'.repeat(7)}`.slice(
  0,
  200,
);
const unbrokenTitle = 'Descargas'.repeat(14).slice(0, 120);
const memberEmail = 'revisora-ancha@example.org';

/** How wide the page is: more than the viewport means people scroll it sideways. */
const pageWidth = async (page: Page) =>
  Number(await page.evaluate('document.documentElement.scrollWidth'));

describe('long URLs, unbroken titles and wide tables on a 360 px phone', () => {
  let server: E2eServer;
  let browser: OpenBrowser;
  let organization: Organization;
  let challenge: Challenge;
  let proposal: Proposal;

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
    const db = server.database.db;
    organization = await makeOrganization(db, {
      slug: 'organizacion-de-nombre-largo',
      name: `Organización ${'Comunitaria'.repeat(8)}`,
      description: `Nuestro sitio: ${longUrl}`,
    });
    await makeMember(db, organization, { email: memberEmail, name: 'Revisora' });
    challenge = await makeChallenge(db, {
      organizationId: organization.id,
      slug: 'reto-de-contenido-ancho',
      title: unbrokenTitle,
      pitch: longUrl.slice(0, 160),
      problem: `Los datos están en ${longUrl} y en <${longUrl}>.\n\n\`${longUrl}\``,
      dataSets: [{ url: longUrl, title: longUrl }],
      // Enough criteria that the evaluation table is wider than a phone.
      criteria: [
        'Impacto en la comunidad',
        'Facilidad de uso',
        'Costo de mantenimiento',
        'Calidad del código',
        'Accesibilidad',
        'Documentación',
        'Seguridad de los datos',
        'Adopción prevista',
      ].map((name, index) => ({ name, weight: index < 4 ? 12 : 13 })),
      publishedAt: new Date(Date.now() + 60_000),
    });
    proposal = await makeProposal(db, {
      challenge,
      overrides: { status: 'submitted', title: unbrokenTitle, repositoryUrl: longUrl },
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps every page within the phone’s width', async () => {
    const page = await browser.newPage();
    await page.setViewportSize(viewports.phone);
    for (const [label, path] of [
      ['challenge page', `/retos/${challenge.slug}`],
      ['browse', '/retos'],
      ['home', '/'],
      ['organization page', `/organizaciones/${organization.slug}`],
      ['proposal page', `/propuestas/${proposal.id}`],
      ['sponsorship ledger', '/patrocinios'],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      assert.ok(
        (await page.content()).includes(unbrokenTitle) || label === 'sponsorship ledger',
        `${label} shows the long title`,
      );
      const width = await pageWidth(page);
      await screenshot(page, `wide-content-${label}`);
      assert.ok(width <= viewports.phone.width, `${label} is ${width}px wide`);
    }
  });

  /** Every table region of the page: focusable, named, and really scrolling on a phone. */
  async function expectScrollRegions(page: Page, label: string) {
    const regions = page.locator('.table-scroll');
    assert.ok((await regions.count()) > 0, `${label} has a table region`);
    const scrolls = await regions.evaluateAll((elements) =>
      elements.map((element) => element.scrollWidth > element.clientWidth),
    );
    assert.ok(scrolls.some(Boolean), `${label}: a table is wider than the phone`);
    for (const region of await regions.all()) {
      assert.equal(await region.getAttribute('tabindex'), '0');
      assert.equal(await region.getAttribute('role'), 'region');
      const caption = await region.getAttribute('aria-labelledby');
      const name = caption ? await page.locator(`#${caption}`).textContent() : '';
      assert.ok(name?.trim(), `${label}: the region is named`);
    }
    await regions.first().focus();
    const outline = await page.evaluate(
      "document.activeElement.matches('.table-scroll') && getComputedStyle(document.activeElement).outlineStyle",
    );
    assert.ok(
      typeof outline === 'string' && outline !== 'none',
      `${label}: the focused region shows it`,
    );
    assert.ok((await pageWidth(page)) <= viewports.phone.width, `${label} fits the phone`);
    await expectNoAxeViolations(page, label);
  }

  it('puts the ledger’s totals in focusable, labelled scroll regions', async () => {
    const page = await browser.newPage();
    await page.setViewportSize(viewports.phone);
    await page.goto(`${server.baseUrl}/patrocinios`);
    await expectScrollRegions(page, 'sponsorship ledger');
    await screenshot(page, 'wide-content-ledger-focused');
  });

  it('puts the evaluation table in a focusable, labelled scroll region', async () => {
    const page = await browser.newPage();
    await page.setViewportSize(viewports.phone);
    await signInWithEmailLink(page, server.baseUrl, memberEmail);
    await page.goto(`${server.baseUrl}/retos/${challenge.slug}/evaluacion`);
    assert.ok((await page.content()).includes(unbrokenTitle), 'the ranking lists the proposal');
    await expectScrollRegions(page, 'evaluation table');
    await screenshot(page, 'wide-content-ranking');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTranslator } from '../../server/i18n/index.ts';
import {
  expectNoAxeViolations,
  expectNoPageProblems,
  openBrowser,
  screenshot,
  type OpenBrowser,
} from './support/browser.ts';
import { signInWithEmailLink } from './support/journeys.ts';
import { startServer, type E2eServer } from './support/server.ts';

const t = createTranslator().t('es');

describe('sponsoring a challenge', () => {
  let server: E2eServer;
  let browser: OpenBrowser;

  before(async () => {
    server = await startServer();
    browser = await openBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a government office pledges a prize on another organization's challenge, fulfils it, and the ledger adds it up", async () => {
    const page = await browser.newPage();
    // A member of the (verified) Zapopan government, from the demo data.
    await signInWithEmailLink(page, server.baseUrl, 'innovacion@zapopan.example.gob.mx');

    await page.goto(`${server.baseUrl}/retos/mapa-de-descargas-al-rio-atoyac`);
    await page.getByRole('link', { name: t('sponsorships.onChallenge.offer') }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/patrocinar'));
    await expectNoAxeViolations(page, 'pledge form');
    await page.getByLabel(t('sponsorships.kind.prize')).check();
    await page.getByLabel(t('sponsorships.pledge.amount')).fill('25,000.50');
    await page
      .getByLabel(t('sponsorships.pledge.terms'))
      .fill('Se entrega cuando la comunidad adopte la solución.');
    await page.getByRole('button', { name: t('sponsorships.pledge.submit') }).click();
    await page.waitForURL((url) => /^\/patrocinios\/[0-9a-f-]+$/.test(url.pathname));
    assert.match(await page.locator('.lead').innerText(), /\$25,000\.50/);
    await expectNoAxeViolations(page, 'pledge page');

    await page.getByRole('button', { name: t('sponsorships.transition.fulfill') }).click();
    await page.waitForLoadState();
    assert.match(
      await page.locator('.lead').innerText(),
      // The status badge is shown in capitals.
      new RegExp(t('sponsorships.status.fulfilled'), 'i'),
    );
    assert.match(
      await page.locator('.timeline').innerText(),
      new RegExp(t('sponsorships.event.fulfill')),
    );
    await screenshot(page, 'sponsorship-fulfilled');

    await page.goto(`${server.baseUrl}/patrocinios`);
    await page.getByLabel(t('sponsorships.ledger.office')).selectOption('municipio-de-zapopan');
    await page.getByRole('button', { name: t('sponsorships.ledger.filter') }).click();
    await page.waitForURL((url) => url.searchParams.get('oficina') === 'municipio-de-zapopan');
    const totals = page.locator('.total-row');
    // The demo data's $50,000.00 prize is still pledged; the new $25,000.50 one is fulfilled.
    assert.match(await totals.innerText(), /\$50,000\.00[\s\S]*\$25,000\.50/);
    await expectNoAxeViolations(page, 'ledger');
    await screenshot(page, 'sponsorship-ledger');
    expectNoPageProblems(page, 'sponsorship journey');
  });
});

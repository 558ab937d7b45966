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

  it("a government office pledges a prize on another organization's challenge, delivers it with evidence, the receiver confirms it, and the ledger adds it up", async () => {
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

    const pledgeUrl = page.url();
    await page.getByRole('link', { name: t('sponsorships.transition.fulfill') }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/cumplimiento'));
    await expectNoAxeViolations(page, 'delivery form');
    await page
      .getByLabel(t('sponsorships.fulfil.delivered'))
      .fill('Transferencia de $25,000.50 al equipo de la solución');
    await page
      .getByLabel(t('sponsorships.fulfil.evidenceUrl'))
      .fill('https://transparencia.zapopan.example.org/recibos/2026-118.pdf');
    await page.getByRole('button', { name: t('sponsorships.fulfil.submit') }).click();
    await page.waitForURL(pledgeUrl);
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

    // The neighbours whose challenge it is check the evidence and confirm it, in their own browser.
    const receiverBrowser = await openBrowser();
    try {
      const receiver = await receiverBrowser.newPage();
      await signInWithEmailLink(receiver, server.baseUrl, 'rosa@vecinos-atoyac.example.org');
      await receiver.goto(pledgeUrl);
      await receiver.getByRole('link', { name: t('sponsorships.transition.respond') }).click();
      await receiver.waitForURL((url) => url.pathname.endsWith('/respuesta'));
      await expectNoAxeViolations(receiver, 'answer form');
      await receiver.getByLabel(t('sponsorships.respond.confirm')).check();
      await receiver.getByLabel(t('sponsorships.respond.note')).fill('Llegó completo.');
      await receiver.getByRole('button', { name: t('sponsorships.respond.submit') }).click();
      await receiver.waitForURL(pledgeUrl);
      assert.match(
        await receiver.locator('.lead').innerText(),
        new RegExp(t('sponsorships.status.confirmed'), 'i'),
      );
      assert.match(await receiver.locator('.record-list').first().innerText(), /Llegó completo\./);
      await expectNoAxeViolations(receiver, 'confirmed pledge page');
      await screenshot(receiver, 'sponsorship-confirmed');
      expectNoPageProblems(receiver, 'answering a delivery');
    } finally {
      await receiverBrowser.close();
    }

    await page.goto(`${server.baseUrl}/patrocinios`);
    await page.getByLabel(t('sponsorships.ledger.office')).selectOption('municipio-de-zapopan');
    await page.getByRole('button', { name: t('sponsorships.ledger.filter') }).click();
    await page.waitForURL((url) => url.searchParams.get('oficina') === 'municipio-de-zapopan');
    const totals = page.locator('.total-row');
    // The demo data's prize, amended to $60,000.00, is still pledged; the new one is confirmed.
    assert.match(await totals.innerText(), /\$60,000\.00[\s\S]*\$25,000\.50/);
    await expectNoAxeViolations(page, 'ledger');
    await screenshot(page, 'sponsorship-ledger');
    expectNoPageProblems(page, 'sponsorship journey');
  });
});

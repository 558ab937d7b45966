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

describe('posting a challenge and finding it', () => {
  let server: E2eServer;
  let member: OpenBrowser;
  let visitor: OpenBrowser;

  before(async () => {
    server = await startServer();
    member = await openBrowser();
    visitor = await openBrowser();
  });
  after(async () => {
    await member?.close();
    await visitor?.close();
    await server?.close();
  });

  it('an organization member posts and publishes a challenge; a visitor finds it searching without accents', async () => {
    const page = await member.newPage();
    await signInWithEmailLink(page, server.baseUrl, 'rosa@vecinos-atoyac.example.org');

    await page.goto(`${server.baseUrl}/retos/nuevo`);
    assert.equal(await page.locator('h1').innerText(), t('challengeForm.newTitle'));
    await expectNoAxeViolations(page, 'challenge form');

    // First a mistake: weights that do not add up. The form keeps everything typed.
    await page.locator('#title').fill('Contaminación del arroyo Zapatero');
    await page
      .getByLabel(t('challengeForm.pitch'))
      .fill('Medir y mapear las descargas que llegan al arroyo cada semana.');
    await page
      .getByLabel(t('challengeForm.problem'), { exact: true })
      .fill('El arroyo recibe descargas **sin control** desde hace años.');
    await page
      .getByLabel(t('challengeForm.affected'))
      .fill('Tres colonias de Atlixco que viven junto al arroyo.');
    await page
      .getByLabel(t('challengeForm.successCriteria'))
      .fill('Un mapa público de descargas actualizado cada semana.');
    await page.locator('input[name="sdgs"][value="6"]').check();
    await page.locator('#stateCode').selectOption('PUE');
    await page.locator('#municipality').fill('Atlixco');
    const names = page.locator('input[name="criterion_name"]');
    const weights = page.locator('input[name="criterion_weight"]');
    await names.nth(0).fill('Impacto');
    await weights.nth(0).fill('70');
    await names.nth(1).fill('Viabilidad');
    await weights.nth(1).fill('20');
    await page.getByRole('button', { name: t('challengeForm.saveDraft') }).click();
    await page.waitForLoadState();
    assert.match(
      await page.locator('.error-summary').innerText(),
      new RegExp(t('challengeForm.errors.weightsSum')),
    );
    assert.equal(await page.locator('#municipality').inputValue(), 'Atlixco');
    await expectNoAxeViolations(page, 'challenge form with errors');
    await screenshot(page, 'challenge-form-errors');

    await page.locator('input[name="criterion_weight"]').nth(1).fill('30');
    await page.getByRole('button', { name: t('challengeForm.saveDraft') }).click();
    await page.waitForURL((url) => url.pathname === '/retos/contaminacion-del-arroyo-zapatero');
    assert.match(
      await page.locator('.status').first().innerText(),
      new RegExp(t('challenge.status.draft'), 'i'),
    );
    await expectNoAxeViolations(page, 'draft challenge page');

    await page.getByRole('button', { name: t('challenge.transition.publish') }).click();
    await page.waitForURL((url) => url.pathname === '/retos/contaminacion-del-arroyo-zapatero');
    assert.match(
      await page.locator('.status').first().innerText(),
      new RegExp(t('challenge.status.open'), 'i'),
    );
    expectNoPageProblems(page, 'member journey', { allow: ['/retos/nuevo'] });

    const search = await visitor.newPage();
    await search.goto(`${server.baseUrl}/retos`);
    await expectNoAxeViolations(search, 'challenge list');
    await search.locator('input[name="q"]').fill('contaminacion zapatero');
    await search.locator('input[name="q"]').press('Enter');
    await search.waitForURL((url) => url.searchParams.get('q') === 'contaminacion zapatero');
    const result = search.getByRole('link', { name: 'Contaminación del arroyo Zapatero' });
    assert.equal(await result.count(), 1, 'the search finds the new challenge');
    await expectNoAxeViolations(search, 'search results');
    await screenshot(search, 'challenge-search-results');
    await result.click();
    await search.waitForURL((url) => url.pathname === '/retos/contaminacion-del-arroyo-zapatero');
    assert.match(await search.locator('.challenge').innerText(), /sin control/);
    await expectNoAxeViolations(search, 'challenge page');
    await screenshot(search, 'challenge-page');
    expectNoPageProblems(search, 'visitor journey');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTranslator } from '../../server/i18n/index.ts';
import {
  expectNoAxeViolations,
  expectNoPageProblems,
  openBrowser,
  screenshot,
  viewports,
  type OpenBrowser,
} from './support/browser.ts';
import { startServer, type E2eServer } from './support/server.ts';

const t = createTranslator().t('es');

/** How wide the document is; wider than the viewport means the page scrolls sideways. */
async function pageWidth(page: import('playwright-core').Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
}

describe('/estadisticas in a browser without JavaScript', () => {
  let server: E2eServer;
  let browser: OpenBrowser;
  // axe runs as a script in the page, which a browser without JavaScript never starts: it checks
  // the same address at the same size in a second browser. The pages carry no script of their own.
  let auditor: OpenBrowser;

  before(async () => {
    server = await startServer();
    browser = await openBrowser({ javaScriptEnabled: false });
    auditor = await openBrowser();
  });
  after(async () => {
    await browser?.close();
    await auditor?.close();
    await server?.close();
  });

  async function expectAccessible(
    url: string,
    viewport: { width: number; height: number },
    label: string,
  ) {
    const page = await auditor.newPage();
    await page.setViewportSize(viewport);
    await page.goto(url);
    await expectNoAxeViolations(page, label);
    expectNoPageProblems(page, label);
    await page.close();
  }

  for (const [name, viewport] of Object.entries(viewports)) {
    it(`draws the map and the charts on a ${name}, and a state leads to its challenges`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`${server.baseUrl}/estadisticas`);
      assert.equal((await page.locator('h1').innerText()).trim(), t('statistics.title'));

      const map = page.locator('svg.state-map__svg');
      assert.equal(await page.locator('svg.state-map__svg path.state-map__state').count(), 32);
      const mapBox = await map.boundingBox();
      assert.ok(mapBox && mapBox.width > 300 && mapBox.height > 150, 'the map is drawn');
      for (const chart of await page.locator('svg.bar-chart').all()) {
        const box = await chart.boundingBox();
        assert.ok(box && box.width > 250 && box.height > 30, 'a chart is drawn');
        assert.ok((await chart.locator('rect').count()) > 0);
      }
      assert.equal(await page.locator('svg.bar-chart').count(), 4);
      assert.ok((await pageWidth(page)) <= viewport.width, `the page fits a ${name}`);
      await expectAccessible(page.url(), viewport, `statistics on a ${name}`);
      await screenshot(page, `statistics-${name}`);

      // The demo data has challenges in Oaxaca: its shape links to them.
      const oaxaca = page.locator('a.state-map__link[href="/retos?entidad=OAX"]');
      assert.match((await oaxaca.locator('title').textContent()) ?? '', /^Oaxaca: /);
      await oaxaca.locator('path').click();
      await page.waitForURL((url) => url.pathname === '/retos');
      assert.equal(new URL(page.url()).searchParams.get('entidad'), 'OAX');
      assert.ok((await page.locator('.card').count()) > 0, 'Oaxaca has challenges listed');

      await page.goto(`${server.baseUrl}/estadisticas`);
      await page.getByRole('link', { name: t('statistics.map.showAdopted') }).click();
      await page.waitForURL((url) => url.searchParams.get('mapa') === 'adoptadas');
      assert.equal(
        (await page.locator('#map-title').innerText()).trim(),
        t('statistics.map.titleAdopted'),
      );
      await expectAccessible(page.url(), viewport, `adopted solutions map on a ${name}`);
      await screenshot(page, `statistics-adopted-${name}`);
      expectNoPageProblems(page, `statistics on a ${name}`);
      await page.close();
    });
  }

  it('shows an organization its own impact', async () => {
    const page = await browser.newPage();
    await page.setViewportSize(viewports.phone);
    await page.goto(`${server.baseUrl}/organizaciones`);
    await page.locator('main a[href^="/organizaciones/"]').first().click();
    await page.waitForURL((url) => /^\/organizaciones\/[^/]+$/.test(url.pathname));
    await page.locator('#impact-heading').waitFor();
    assert.equal(await page.locator('#impact-heading ~ figure path.state-map__state').count(), 32);
    assert.ok((await pageWidth(page)) <= viewports.phone.width, 'the page fits a phone');
    await expectAccessible(page.url(), viewports.phone, 'organization impact');
    await screenshot(page, 'statistics-organization-phone');
    expectNoPageProblems(page, 'organization impact');
    await page.close();
  });
});

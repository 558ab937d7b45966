import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createTranslator, type Language } from '../../server/i18n/index.ts';
import { demoChallenges } from '../../server/seed/demo-challenges.ts';
import {
  expectNoAxeViolations,
  expectNoPageProblems,
  openBrowser,
  resetProblems,
  screenshot,
  viewports,
  type OpenBrowser,
} from './support/browser.ts';
import { startServer, type E2eServer } from './support/server.ts';

const translator = createTranslator();
const t = (language: Language, key: string) => translator.t(language)(key);

const pages = [
  { path: '/', name: 'home', h1: 'home.heading' },
  { path: '/acerca', name: 'about', h1: 'about.title' },
  { path: '/privacidad', name: 'privacy', h1: 'privacy.title' },
];
const languages: Language[] = ['es', 'en'];
const unknownPath = '/esta-pagina-no-existe';

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

async function h1Text(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, `${page.url()} should have exactly one h1`);
  return (await h1.innerText()).trim();
}

/** How wide the document is; wider than the viewport means the page scrolls sideways. */
async function pageWidth(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
}

async function langCookie(browser: OpenBrowser, baseUrl: string): Promise<string | undefined> {
  const cookies = await browser.context.cookies(baseUrl);
  return cookies.find((cookie) => cookie.name === 'lang')?.value;
}

describe('public pages in a browser', () => {
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

  // Every test starts as a new visitor: no language cookie, Spanish-speaking browser.
  beforeEach(async () => {
    await browser.context.clearCookies();
  });

  for (const language of languages) {
    for (const { path, name, h1 } of pages) {
      const url = language === 'es' ? path : `${path}?lang=${language}`;

      it(`${url} renders in ${language}, passes axe and looks right on phone and desktop`, async () => {
        const page = await browser.newPage();
        try {
          for (const [viewportName, viewport] of Object.entries(viewports)) {
            const label = `${url} (${viewportName})`;
            await page.setViewportSize(viewport);
            resetProblems(page);
            const response = await page.goto(`${server.baseUrl}${url}`, { waitUntil: 'load' });
            assert.equal(response?.status(), 200, `${label}: status`);
            assert.equal(await htmlLang(page), language, `${label}: <html lang>`);
            assert.equal(await h1Text(page), t(language, h1), `${label}: h1`);
            assert.ok(
              (await pageWidth(page)) <= viewport.width,
              `${label}: nothing overflows the ${viewport.width}px viewport sideways`,
            );
            await expectNoAxeViolations(page, label);
            await screenshot(page, `${name}-${language}-${viewportName}`);
            expectNoPageProblems(page, label);
          }
        } finally {
          await page.close();
        }
      });
    }
  }

  it('the language switch in the header changes to English, and the choice sticks', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.baseUrl}/`);
      assert.equal(await htmlLang(page), 'es');
      assert.equal(await langCookie(browser, server.baseUrl), undefined);

      const toEnglish = page
        .getByRole('banner')
        .getByRole('link', { name: t('es', 'site.languageSwitchLabel') });
      await toEnglish.click();
      await page.waitForURL((url) => url.searchParams.get('lang') === 'en');
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await h1Text(page), t('en', 'home.heading'));
      assert.equal(await langCookie(browser, server.baseUrl), 'en');

      // The next page, reached through an ordinary link without ?lang=, stays in English.
      await page
        .getByRole('navigation', { name: t('en', 'site.footerNavigation') })
        .getByRole('link', { name: t('en', 'nav.about') })
        .click();
      await page.waitForURL((url) => url.pathname === '/acerca');
      assert.equal(new URL(page.url()).searchParams.get('lang'), null);
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await h1Text(page), t('en', 'about.title'));

      // And back: the switch now offers Spanish, which sticks the same way.
      await page
        .getByRole('banner')
        .getByRole('link', { name: t('en', 'site.languageSwitchLabel') })
        .click();
      await page.waitForURL((url) => url.searchParams.get('lang') === 'es');
      assert.equal(await htmlLang(page), 'es');
      assert.equal(await h1Text(page), t('es', 'about.title'));
      await page.goto(`${server.baseUrl}/privacidad`);
      assert.equal(await htmlLang(page), 'es');
      assert.equal(await h1Text(page), t('es', 'privacy.title'));
      expectNoPageProblems(page, 'language switch');
    } finally {
      await page.close();
    }
  });

  it('an unknown path shows the 404 page in Spanish by default, and it passes axe', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${server.baseUrl}${unknownPath}`);
      assert.equal(response?.status(), 404);
      assert.equal(await htmlLang(page), 'es');
      assert.equal(await h1Text(page), t('es', 'errors.404.title'));
      await expectNoAxeViolations(page, '404 (es)');
      await screenshot(page, 'not-found-es-desktop');
      await page.setViewportSize(viewports.phone);
      await screenshot(page, 'not-found-es-phone');
      // The 404 of the page itself is the point; nothing else may fail.
      expectNoPageProblems(page, '404 (es)', { allow: [unknownPath] });
    } finally {
      await page.close();
    }
  });

  it('an unknown path shows the 404 page in the language the visitor chose', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.baseUrl}/?lang=en`);
      resetProblems(page);
      const response = await page.goto(`${server.baseUrl}${unknownPath}`);
      assert.equal(response?.status(), 404);
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await h1Text(page), t('en', 'errors.404.title'));
      await expectNoAxeViolations(page, '404 (en)');
      await screenshot(page, 'not-found-en-desktop');
      expectNoPageProblems(page, '404 (en)', { allow: [unknownPath] });
    } finally {
      await page.close();
    }
  });

  it('an English-speaking browser gets the 404 page in English', async () => {
    const english = await openBrowser({ locale: 'en-US' });
    try {
      const page = await english.newPage();
      const response = await page.goto(`${server.baseUrl}${unknownPath}`);
      assert.equal(response?.status(), 404);
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await h1Text(page), t('en', 'errors.404.title'));
      await expectNoAxeViolations(page, '404 (Accept-Language: en)');
      expectNoPageProblems(page, '404 (Accept-Language: en)', { allow: [unknownPath] });
    } finally {
      await english.close();
    }
  });

  for (const [viewportName, viewport] of Object.entries(viewports)) {
    it(`the skip link is the first thing Tab reaches, and it shows when focused (${viewportName})`, async () => {
      const page = await browser.newPage();
      try {
        await page.setViewportSize(viewport);
        await page.goto(`${server.baseUrl}/acerca`);
        const skipLink = page.locator('a.skip-link');
        const hidden = await skipLink.boundingBox();
        assert.ok(hidden, 'the skip link is rendered');
        assert.ok(hidden.y + hidden.height <= 0, 'the skip link is off screen until focused');

        await page.keyboard.press('Tab');
        const focused = page.locator(':focus');
        assert.equal(await focused.count(), 1, 'Tab focuses an element');
        assert.equal(await focused.getAttribute('href'), '#main');
        assert.equal((await focused.innerText()).trim(), t('es', 'site.skipToContent'));
        assert.ok(await focused.isVisible(), 'the focused skip link is visible');
        const box = await focused.boundingBox();
        assert.ok(box, 'the focused skip link has a box');
        assert.ok(
          box.x >= 0 &&
            box.y >= 0 &&
            box.x + box.width <= viewport.width &&
            box.y + box.height <= viewport.height,
          `the focused skip link lies inside the ${viewport.width}x${viewport.height} viewport: ${JSON.stringify(box)}`,
        );
        await screenshot(page, `skip-link-focused-${viewportName}`);

        // Following it moves focus to the main content.
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.hash === '#main');
        assert.equal(await page.locator(':focus').getAttribute('id'), 'main');
        expectNoPageProblems(page, 'skip link');
      } finally {
        await page.close();
      }
    });
  }

  it('the home page shows the open challenges with JavaScript disabled', async () => {
    const noScript = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      const response = await page.goto(`${server.baseUrl}/`);
      assert.equal(response?.status(), 200);
      assert.equal(await h1Text(page), t('es', 'home.heading'));

      const openSection = page.getByRole('region', { name: t('es', 'home.openHeading') });
      const titles = (await openSection.locator('.card__title').allInnerTexts()).map((title) =>
        title.trim(),
      );
      const openDemoTitles = demoChallenges
        .filter((challenge) => challenge.status === 'open')
        .map((challenge) => challenge.title);
      assert.ok(titles.length > 0, 'at least one open challenge is listed');
      for (const title of titles) {
        assert.ok(openDemoTitles.includes(title), `"${title}" is an open demo challenge`);
      }
      await screenshot(page, 'home-es-no-javascript');
      expectNoPageProblems(page, 'home without JavaScript');
    } finally {
      await noScript.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createTranslator, type Language } from '../../server/i18n/index.ts';
import {
  expectNoAxeViolations,
  expectNoPageProblems,
  openBrowser,
  resetProblems,
  screenshot,
  viewports,
  type OpenBrowser,
} from './support/browser.ts';
import { demoAccountChoice, mailsTo, signInWithDemoGithub } from './support/journeys.ts';
import { startServer, type E2eServer } from './support/server.ts';

const translator = createTranslator();
const t = (language: Language, key: string, options?: Record<string, unknown>) =>
  translator.t(language)(key, options);

const newcomer = {
  login: 'nueva-voluntaria',
  name: 'Ximena Cruz',
  bio: 'Desarrolladora web en Oaxaca; me interesa que los trámites sean accesibles.',
  skills: ['TypeScript', 'accesibilidad'],
};
const member = {
  email: 'rosa@vecinos-atoyac.example.org',
  organization: 'Vecinos del Río Atoyac',
};

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

async function h1Text(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, `${page.url()} should have exactly one h1`);
  return (await h1.innerText()).trim();
}

/**
 * The checks every page of these journeys gets: axe, then phone and desktop screenshots with
 * nothing overflowing the phone's width. The page is left at the desktop size.
 */
async function checkPage(page: Page, label: string, screenshotName?: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  if (!screenshotName) return;
  for (const [viewportName, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport);
    // Full-page captures of a scrolled page can come out with unpainted areas.
    await page.evaluate('window.scrollTo(0, 0)');
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    assert.ok(
      width <= viewport.width,
      `${label}: nothing overflows the ${viewport.width}px viewport sideways (${width}px)`,
    );
    await screenshot(page, `${screenshotName}-${viewportName}`);
  }
  await page.setViewportSize(viewports.desktop);
}

/**
 * On a phone, nothing in the header sticks out of the screen or overlaps something else.
 * Returns the header's height. The page is left at the desktop size.
 */
async function expectHeaderFitsPhone(page: Page, label: string): Promise<number> {
  await page.setViewportSize(viewports.phone);
  const header = await page.locator('.site-header').boundingBox();
  assert.ok(header, `${label}: the header is rendered`);
  const boxes = await page
    .locator(
      '.site-header .brand, .site-header .site-nav a, .site-header .language-switch, .site-header__account > *',
    )
    .evaluateAll((elements) =>
      elements.map((element) => {
        const { left, right, top, bottom } = element.getBoundingClientRect();
        return { text: (element.textContent ?? '').trim(), left, right, top, bottom };
      }),
    );
  for (const [index, a] of boxes.entries()) {
    assert.ok(a.left >= 0 && a.right <= viewports.phone.width, `${label}: "${a.text}" fits`);
    for (const b of boxes.slice(index + 1)) {
      const overlap =
        a.left < b.right - 1 &&
        b.left < a.right - 1 &&
        a.top < b.bottom - 1 &&
        b.top < a.bottom - 1;
      assert.ok(!overlap, `${label}: "${a.text}" and "${b.text}" overlap in the header`);
    }
  }
  await page.setViewportSize(viewports.desktop);
  return header.height;
}

describe('signing in and managing the account in a browser', () => {
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

  // Every test starts signed out, with no language chosen.
  beforeEach(async () => {
    await browser.context.clearCookies();
  });

  it('a newcomer signs in with the demo GitHub, fills in the profile, and signs out', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.baseUrl}/`);
      const signedOutHeight = await expectHeaderFitsPhone(page, 'home, signed out');
      const header = page.getByRole('banner');
      await header.getByRole('link', { name: t('es', 'nav.signIn'), exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/entrar');
      assert.equal(await h1Text(page), t('es', 'auth.signIn.title'));
      await checkPage(page, '/entrar', 'sign-in-es');

      await page.getByRole('link', { name: t('es', 'auth.signIn.github') }).click();
      await page.waitForURL((url) => url.pathname === '/dev/github/login/oauth/authorize');
      assert.equal(await h1Text(page), t('es', 'demoGithub.title'));
      await checkPage(page, 'demo GitHub', 'demo-github-es');

      // The account has no name on GitHub: the choice shows its login, once, and its email.
      const choice = demoAccountChoice(page, newcomer.login);
      const choiceText = await choice.innerText();
      assert.match(choiceText, /nueva\.voluntaria@example\.org/);
      assert.equal(choiceText.split(`@${newcomer.login}`).length - 1, 1, choiceText);
      await choice.click();
      // Back where the visitor started, signed in.
      await page.waitForURL((url) => url.pathname === '/');
      assert.equal(await h1Text(page), t('es', 'home.heading'));
      const accountLink = header.getByRole('link', { name: t('es', 'nav.account') });
      assert.ok(await accountLink.isVisible(), 'the header offers "Mi cuenta"');
      assert.ok(await header.getByRole('button', { name: t('es', 'nav.signOut') }).isVisible());
      assert.equal(
        await header.getByRole('link', { name: t('es', 'nav.signIn'), exact: true }).count(),
        0,
        'no sign-in link once signed in',
      );
      // Signing in adds "Mi cuenta" and "Salir" without making the phone header taller.
      assert.ok(
        (await expectHeaderFitsPhone(page, 'home, signed in')) <= signedOutHeight,
        'the signed-in header is no taller on a phone than the signed-out one',
      );
      await checkPage(page, 'home, signed in', 'home-signed-in-es');

      await accountLink.click();
      await page.waitForURL((url) => url.pathname === '/cuenta');
      assert.equal(await h1Text(page), t('es', 'accounts.settings.title'));
      assert.equal(
        await accountLink.getAttribute('aria-current'),
        'page',
        '"Mi cuenta" is marked as the current page',
      );
      assert.match(
        await page.locator('main').innerText(),
        new RegExp(t('es', 'accounts.settings.signedInGithub', { login: newcomer.login })),
      );
      assert.equal(await page.getByLabel(t('es', 'accounts.fields.name')).inputValue(), '');
      await expectHeaderFitsPhone(page, '/cuenta');
      await checkPage(page, '/cuenta', 'account-new-es');

      await page.getByLabel(t('es', 'accounts.fields.name')).fill(newcomer.name);
      await page.getByLabel(t('es', 'accounts.fields.bio')).fill(newcomer.bio);
      await page.getByLabel(t('es', 'accounts.fields.skills')).fill(newcomer.skills.join(', '));
      await page
        .getByRole('group', { name: t('es', 'accounts.fields.locale') })
        .getByRole('radio', { name: 'English' })
        .check();
      await page.getByRole('button', { name: t('es', 'accounts.settings.save') }).click();
      await page.waitForURL((url) => url.searchParams.get('guardado') === '1');

      // Saved, and the interface now speaks the chosen language.
      assert.equal(await htmlLang(page), 'en');
      assert.equal(await h1Text(page), t('en', 'accounts.settings.title'));
      const notice = page.getByRole('status');
      assert.equal((await notice.innerText()).trim(), t('en', 'accounts.settings.saved'));
      assert.equal(
        await page.getByLabel(t('en', 'accounts.fields.name')).inputValue(),
        newcomer.name,
      );
      assert.equal(
        await page.getByLabel(t('en', 'accounts.fields.bio')).inputValue(),
        newcomer.bio,
      );
      assert.equal(
        await page.getByLabel(t('en', 'accounts.fields.skills')).inputValue(),
        newcomer.skills.join(', '),
      );
      assert.ok(await page.getByRole('radio', { name: 'English' }).isChecked());
      assert.ok(
        (await expectHeaderFitsPhone(page, '/cuenta (en)')) <= signedOutHeight,
        'the signed-in header in English is no taller on a phone either',
      );
      await checkPage(page, '/cuenta saved (en)', 'account-saved-en');

      // The public profile shows what was saved.
      await page.getByRole('link', { name: t('en', 'accounts.settings.publicProfile') }).click();
      await page.waitForURL((url) => url.pathname === `/voluntarios/${newcomer.login}`);
      assert.equal(await h1Text(page), newcomer.name);
      const main = page.locator('main');
      assert.match(await main.innerText(), new RegExp(`@${newcomer.login}`));
      assert.equal((await main.locator('.lead').innerText()).trim(), newcomer.bio);
      assert.ok(
        await page.getByRole('heading', { name: t('en', 'volunteers.skills') }).isVisible(),
      );
      const skills = (await main.getByRole('listitem').allInnerTexts()).map((skill) =>
        skill.trim(),
      );
      assert.deepEqual(skills, newcomer.skills);
      await checkPage(page, '/voluntarios/:login', 'volunteer-profile-en');

      // Signing out from the header.
      await header.getByRole('button', { name: t('en', 'nav.signOut') }).click();
      await page.waitForURL((url) => url.pathname === '/');
      const signIn = header.getByRole('link', { name: t('en', 'nav.signIn'), exact: true });
      assert.ok(await signIn.isVisible(), 'the header offers to sign in again');
      assert.equal(await header.getByRole('link', { name: t('en', 'nav.account') }).count(), 0);
      assert.equal(await header.getByRole('button', { name: t('en', 'nav.signOut') }).count(), 0);

      const response = await page.goto(`${server.baseUrl}/cuenta`);
      assert.equal(response?.status(), 200);
      assert.equal(pathOf(page), '/entrar', '/cuenta sends a signed-out visitor to sign in');
      assert.equal(new URL(page.url()).searchParams.get('volver'), '/cuenta');
      assert.equal(await h1Text(page), t('en', 'auth.signIn.title'));
      expectNoPageProblems(page, 'GitHub sign-in journey');
    } finally {
      await page.close();
    }
  });

  it('an organization member signs in with a link sent by email, which works only once', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.baseUrl}/entrar`);
      await page.getByLabel(t('es', 'auth.signIn.emailLabel')).fill(member.email);
      await page.getByRole('button', { name: t('es', 'auth.signIn.sendLink') }).click();
      await page.waitForLoadState();
      assert.equal(await h1Text(page), t('es', 'auth.linkSent.title'));
      assert.match(await page.locator('main').innerText(), new RegExp(member.email));
      await checkPage(page, 'link sent', 'link-sent-es');

      // The outbox worker sends it a moment after the page answers.
      for (let tries = 0; tries < 50; tries += 1) {
        if ((await (await mailsTo(page, server.baseUrl, member.email)).count()) > 0) break;
        await page.waitForTimeout(200);
      }
      assert.equal(await h1Text(page), t('es', 'devMail.title'));
      await checkPage(page, '/dev/correo', 'dev-mail-list-es');
      const newest = page.locator('.mail-list li').first();
      assert.match(await newest.innerText(), new RegExp(member.email));
      await newest.getByRole('link').click();
      await page.waitForURL((url) => url.pathname.startsWith('/dev/correo/'));
      assert.match(await page.locator('.mail-meta').innerText(), new RegExp(member.email));
      await checkPage(page, 'email', 'dev-mail-message-es');

      const link = page.locator('.mail-body a[href*="/entrar/enlace?token="]');
      assert.equal(await link.count(), 1, 'the email has one sign-in link');
      const signInLink = (await link.getAttribute('href'))!;
      assert.ok(signInLink.startsWith(`${server.baseUrl}/`), `${signInLink} points at this site`);
      await link.click();
      await page.waitForURL((url) => url.pathname === '/entrar/enlace');
      assert.equal(await h1Text(page), t('es', 'auth.linkConfirm.title'));
      await checkPage(page, 'confirm sign-in', 'link-confirm-es');

      await page.getByRole('button', { name: t('es', 'auth.linkConfirm.button') }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page
        .getByRole('banner')
        .getByRole('link', { name: t('es', 'nav.account') })
        .click();
      await page.waitForURL((url) => url.pathname === '/cuenta');
      assert.match(
        await page.locator('main').innerText(),
        new RegExp(t('es', 'accounts.settings.signedInEmail', { email: member.email })),
      );
      const organizations = page.getByRole('region', {
        name: t('es', 'accounts.settings.organizationsHeading'),
      });
      const listed = (await organizations.getByRole('listitem').allInnerTexts()).map((item) =>
        item.trim(),
      );
      assert.deepEqual(listed, [
        `${member.organization} · ${t('es', 'organizationKind.community')}`,
      ]);
      await checkPage(page, '/cuenta (organization member)', 'account-member-es');
      expectNoPageProblems(page, 'email sign-in journey');

      // The same link a second time: used up.
      resetProblems(page);
      const again = await page.goto(signInLink);
      assert.equal(again?.status(), 410);
      assert.equal(await h1Text(page), t('es', 'auth.linkInvalid.title'));
      assert.ok(
        await page.getByRole('link', { name: t('es', 'auth.linkInvalid.again') }).isVisible(),
      );
      await checkPage(page, 'link no longer valid', 'link-invalid-es');
      expectNoPageProblems(page, 'used link', { allow: ['/entrar/enlace?token='] });
    } finally {
      await page.close();
    }
  });

  it('a form error keeps what the person typed and says what to fix', async () => {
    const page = await browser.newPage();
    try {
      await signInWithDemoGithub(page, server.baseUrl, 'emitorres');
      await page.goto(`${server.baseUrl}/cuenta`);
      const nameField = page.getByLabel(t('es', 'accounts.fields.name'));
      const savedName = await nameField.inputValue();
      assert.notEqual(savedName, '', 'the seeded volunteer has a name');

      const typed = {
        bio: 'Hago mapas con datos abiertos.',
        skills: 'Python, PostGIS, QGIS',
        contactEmail: 'emiliano-sin-arroba',
      };
      await nameField.fill('');
      await page.getByLabel(t('es', 'accounts.fields.bio')).fill(typed.bio);
      await page.getByLabel(t('es', 'accounts.fields.skills')).fill(typed.skills);
      await page.getByRole('radio', { name: 'English' }).check();
      await page.getByLabel(t('es', 'accounts.fields.contactEmail')).fill(typed.contactEmail);
      const [response] = await Promise.all([
        page.waitForResponse(
          (candidate) =>
            candidate.request().method() === 'POST' &&
            new URL(candidate.url()).pathname === '/cuenta',
        ),
        page.getByRole('button', { name: t('es', 'accounts.settings.save') }).click(),
      ]);
      assert.equal(response.status(), 422);
      await page.waitForLoadState();

      // Still in Spanish: nothing was saved.
      assert.equal(await htmlLang(page), 'es');
      const summary = page.locator('.error-summary');
      assert.equal(await summary.getAttribute('role'), 'alert');
      assert.equal(
        (await summary.getByRole('heading').innerText()).trim(),
        t('es', 'forms.errorSummary'),
      );
      const summaryLinks = await summary
        .getByRole('link')
        .evaluateAll((links) =>
          links.map((link) => [link.getAttribute('href'), (link.textContent ?? '').trim()]),
        );
      assert.deepEqual(summaryLinks, [
        ['#name', t('es', 'accounts.errors.nameRequired')],
        ['#contactEmail', t('es', 'accounts.errors.emailInvalid')],
      ]);

      for (const [field, message] of [
        ['name', t('es', 'accounts.errors.nameRequired')],
        ['contactEmail', t('es', 'accounts.errors.emailInvalid')],
      ] as const) {
        const input = page.locator(`#${field}`);
        assert.equal(await input.getAttribute('aria-invalid'), 'true', `${field} is invalid`);
        assert.ok(
          (await input.getAttribute('aria-describedby'))?.split(' ').includes(`${field}-error`),
          `${field} is described by its error`,
        );
        assert.equal((await page.locator(`#${field}-error`).innerText()).trim(), message);
      }
      for (const field of ['bio', 'skills']) {
        assert.equal(await page.locator(`#${field}`).getAttribute('aria-invalid'), null);
      }

      assert.equal(await nameField.inputValue(), '');
      assert.equal(await page.getByLabel(t('es', 'accounts.fields.bio')).inputValue(), typed.bio);
      assert.equal(
        await page.getByLabel(t('es', 'accounts.fields.skills')).inputValue(),
        typed.skills,
      );
      assert.equal(
        await page.getByLabel(t('es', 'accounts.fields.contactEmail')).inputValue(),
        typed.contactEmail,
      );
      assert.ok(await page.getByRole('radio', { name: 'English' }).isChecked());

      // The summary's links lead to the fields.
      await summary.getByRole('link', { name: t('es', 'accounts.errors.emailInvalid') }).click();
      assert.equal(await page.evaluate('document.activeElement?.id'), 'contactEmail');
      await checkPage(page, '/cuenta with errors', 'account-errors-es');

      // Nothing was saved.
      await page.goto(`${server.baseUrl}/cuenta`);
      assert.equal(await nameField.inputValue(), savedName);
      assert.equal(await page.locator('.error-summary').count(), 0);

      await page.getByRole('link', { name: t('es', 'accounts.settings.delete') }).click();
      await page.waitForURL((url) => url.pathname === '/cuenta/eliminar');
      assert.equal(await h1Text(page), t('es', 'accounts.delete.title'));
      await checkPage(page, '/cuenta/eliminar', 'account-delete-es');
      await page.getByRole('link', { name: t('es', 'accounts.delete.cancel') }).click();
      await page.waitForURL((url) => url.pathname === '/cuenta');

      // The 422 of the refused form is the point; chromium also logs it to the console.
      expectNoPageProblems(page, 'form errors', {
        allow: [
          `POST ${server.baseUrl}/cuenta: HTTP 422`,
          `status of 422 (Unprocessable Entity) (${server.baseUrl}/cuenta)`,
        ],
      });
    } finally {
      await page.close();
    }
  });
});

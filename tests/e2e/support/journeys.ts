import type { Page } from 'playwright-core';
import { createTranslator } from '../../../server/i18n/index.ts';

const t = createTranslator().t('es');

/** The emails /dev/correo lists for an address, newest first. */
export async function mailsTo(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/dev/correo`);
  return page.locator('.mail-list li', { hasText: email });
}

/**
 * Opens the newest email to an address once there are more than `before`: the outbox worker
 * sends it a moment after the request that wrote it.
 */
export async function openNewMailTo(page: Page, baseUrl: string, email: string, before: number) {
  for (let tries = 0; tries < 50; tries += 1) {
    const items = await mailsTo(page, baseUrl, email);
    if ((await items.count()) > before) {
      await items.first().getByRole('link').click();
      await page.waitForURL((url) => url.pathname.startsWith('/dev/correo/'));
      return;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no new email reached ${email}`);
}

/** Signs in from /entrar with an emailed link, read from /dev/correo, as a person would. */
export async function signInWithEmailLink(
  page: Page,
  baseUrl: string,
  email: string,
): Promise<void> {
  const before = await (await mailsTo(page, baseUrl, email)).count();
  await page.goto(`${baseUrl}/entrar`);
  await page.getByLabel(t('auth.signIn.emailLabel')).fill(email);
  await page.getByRole('button', { name: t('auth.signIn.sendLink') }).click();
  await page.waitForURL((url) => url.pathname === '/entrar');
  await openNewMailTo(page, baseUrl, email, before);
  await page.locator('.mail-body a[href*="/entrar/enlace?token="]').click();
  await page.waitForURL((url) => url.pathname === '/entrar/enlace');
  await page.getByRole('button', { name: t('auth.linkConfirm.button') }).click();
  await page.waitForURL((url) => url.pathname !== '/entrar/enlace');
  // A first sign-in of an address with no name is asked for one once: journeys skip it.
  if (new URL(page.url()).pathname === '/entrar/nombre') {
    await page.getByRole('button', { name: t('auth.namePrompt.skip') }).click();
    await page.waitForURL((url) => url.pathname !== '/entrar/nombre');
  }
}

/** The demo GitHub's choice for an account: its accessible name mentions @login. */
export function demoAccountChoice(page: Page, login: string) {
  return page.getByRole('link', { name: new RegExp(`(^|\\s)@${login}(\\s|$)`) });
}

/** From /entrar, through the demo GitHub, as one of its test accounts. */
export async function signInWithDemoGithub(
  page: Page,
  baseUrl: string,
  login: string,
): Promise<void> {
  await page.goto(`${baseUrl}/entrar`);
  await page.getByRole('link', { name: t('auth.signIn.github') }).click();
  await page.waitForURL((url) => url.pathname === '/dev/github/login/oauth/authorize');
  await demoAccountChoice(page, login).click();
  await page.waitForURL((url) => url.pathname === '/');
}

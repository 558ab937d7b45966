import type { Page } from 'playwright-core';
import { createTranslator } from '../../../server/i18n/index.ts';

const t = createTranslator().t('es');

/** Signs in from /entrar with an emailed link, read from /dev/correo, as a person would. */
export async function signInWithEmailLink(
  page: Page,
  baseUrl: string,
  email: string,
): Promise<void> {
  await page.goto(`${baseUrl}/entrar`);
  await page.getByLabel(t('auth.signIn.emailLabel')).fill(email);
  await page.getByRole('button', { name: t('auth.signIn.sendLink') }).click();
  await page.waitForURL((url) => url.pathname === '/entrar');
  await page.goto(`${baseUrl}/dev/correo`);
  await page.locator('.mail-list a').first().click();
  await page.locator('.mail-body a[href*="/entrar/enlace?token="]').click();
  await page.waitForURL((url) => url.pathname === '/entrar/enlace');
  await page.getByRole('button', { name: t('auth.linkConfirm.button') }).click();
  await page.waitForURL((url) => url.pathname !== '/entrar/enlace');
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

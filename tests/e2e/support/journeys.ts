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

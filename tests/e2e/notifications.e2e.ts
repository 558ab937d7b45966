import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { outbox, users, type NotificationDelivery } from '../../models/schema/index.ts';
import { createTranslator } from '../../server/i18n/index.ts';
import type { NotificationKind } from '../../server/mail/email-kinds.ts';
import { startServerWithAdmins } from './support/admin-server.ts';
import {
  expectNoAxeViolations,
  expectNoPageProblems,
  openBrowser,
  screenshot,
  viewports,
  type OpenBrowser,
} from './support/browser.ts';
import { mailsTo, openNewMailTo, signInWithEmailLink } from './support/journeys.ts';
import type { E2eServer } from './support/server.ts';

const t = createTranslator().t('es');

const person = 'marisol@example.org';
const admin = 'admin@retos.example.org';
// A demo member who owns her organization: she can invite people to it.
const owner = {
  email: 'rosa@vecinos-atoyac.example.org',
  organization: 'vecinos-del-rio-atoyac',
  organizationName: 'Vecinos del Río Atoyac',
};

async function h1Text(page: Page): Promise<string> {
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, `${page.url()} should have exactly one h1`);
  return (await h1.innerText()).trim();
}

/**
 * axe, then phone and desktop screenshots with nothing overflowing the phone's width. The page is
 * left at the desktop size.
 */
async function checkPage(page: Page, label: string, screenshotName: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  for (const [viewportName, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport);
    await page.evaluate('window.scrollTo(0, 0)');
    // Saved first, so a page that fails the checks below can be looked at.
    await screenshot(page, `${screenshotName}-${viewportName}`);
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    assert.ok(
      width <= viewport.width,
      `${label}: nothing overflows the ${viewport.width}px viewport sideways (${width}px)`,
    );
    if (viewportName === 'phone') await expectNoAxeViolations(page, `${label} (phone)`);
  }
  await page.setViewportSize(viewports.desktop);
}

/** The radio for a delivery in the group of a kind, found by their visible labels. */
function choice(page: Page, kind: NotificationKind, delivery: NotificationDelivery) {
  return page
    .getByRole('group', { name: t(`notifications.kinds.${kind}`) })
    .getByRole('radio', { name: t(`notifications.deliveries.${delivery}`) });
}

/** The delivery checked in a kind's group. */
async function chosen(page: Page, kind: NotificationKind): Promise<NotificationDelivery | null> {
  for (const delivery of ['immediate', 'daily', 'never'] as const) {
    if (await choice(page, kind, delivery).isChecked()) return delivery;
  }
  return null;
}

describe('choosing which notifications arrive, and stopping them from an email', () => {
  let server: E2eServer;
  let mine: OpenBrowser;
  let owners: OpenBrowser;

  before(async () => {
    server = await startServerWithAdmins([admin]);
    mine = await openBrowser();
    owners = await openBrowser();
  });
  after(async () => {
    await mine?.close();
    await owners?.close();
    await server?.close();
  });

  it('a person changes two choices from the account page, saves, and finds them kept', async () => {
    const page = await mine.newPage();
    const base = server.baseUrl;
    await signInWithEmailLink(page, base, person);
    await page.goto(`${base}/cuenta`);
    await page.getByRole('link', { name: t('notifications.preferences.link') }).click();
    await page.waitForURL((url) => url.pathname === '/cuenta/avisos');
    assert.equal(await h1Text(page), t('notifications.preferences.title'));
    assert.ok(
      (await page.locator('main').innerText()).includes(
        t('notifications.preferences.address', { email: person }),
      ),
      'the page says where the emails go',
    );
    // Progress waits for the daily digest by default; everything else arrives at once.
    assert.equal(await chosen(page, 'challenge_progress'), 'daily');
    assert.equal(await chosen(page, 'discussion'), 'immediate');
    assert.equal(await chosen(page, 'invitation'), 'immediate');
    await checkPage(page, '/cuenta/avisos', 'notification-preferences');

    await choice(page, 'challenge_progress', 'immediate').check();
    await choice(page, 'discussion', 'daily').check();
    await page.getByRole('button', { name: t('notifications.preferences.save') }).click();
    await page.waitForURL((url) => url.searchParams.get('guardado') === '1');
    assert.equal(
      (await page.getByRole('status').innerText()).trim(),
      t('notifications.preferences.saved'),
    );
    await checkPage(page, '/cuenta/avisos saved', 'notification-preferences-saved');

    await page.goto(`${base}/cuenta/avisos`);
    assert.equal(await page.getByRole('status').count(), 0, 'the notice was for the save only');
    assert.equal(await chosen(page, 'challenge_progress'), 'immediate');
    assert.equal(await chosen(page, 'discussion'), 'daily');
    assert.equal(await chosen(page, 'invitation'), 'immediate', 'the others are unchanged');
    assert.equal(await chosen(page, 'proposal_decision'), 'immediate');
    expectNoPageProblems(page, 'notification preferences');
    await page.close();
  });

  it('the unsubscribe link of an invitation email works signed out, and the account page then says "Nunca"', async () => {
    const base = server.baseUrl;
    // Rosa invites the person to her organization: the email carries an unsubscribe link.
    const rosa = await owners.newPage();
    await signInWithEmailLink(rosa, base, owner.email);
    const before = await (await mailsTo(rosa, base, person)).count();
    await rosa.goto(`${base}/organizaciones/${owner.organization}/miembros`);
    await rosa.getByLabel(t('organizations.invite.email')).fill(person);
    await rosa.getByRole('button', { name: t('organizations.invite.send') }).click();
    await rosa.waitForLoadState();
    assert.ok(
      (await rosa.locator('main').innerText()).includes(t('organizations.notices.invitationSent')),
    );

    await openNewMailTo(rosa, base, person, before);
    assert.equal(
      await h1Text(rosa),
      t('organizations.email.subject', { organization: owner.organizationName }),
    );
    const link = rosa.locator('.mail-body a[href*="/avisos/baja/"]');
    assert.equal(await link.count(), 1, 'the email has one unsubscribe link');
    const unsubscribeUrl = (await link.getAttribute('href'))!;
    assert.ok(unsubscribeUrl.startsWith(`${base}/avisos/baja/`), unsubscribeUrl);
    expectNoPageProblems(rosa, 'invitation email');
    await rosa.close();

    // Signed out, in a browser of its own, as a mail program would open the link.
    const fresh = await openBrowser();
    try {
      const page = await fresh.newPage();
      const response = await page.goto(unsubscribeUrl);
      assert.equal(response?.status(), 200);
      assert.equal(await h1Text(page), t('notifications.unsubscribe.title'));
      const kind = t('notifications.kinds.invitation');
      assert.ok(
        (await page.locator('main').innerText()).includes(
          t('notifications.unsubscribe.confirmKind', { kind }),
        ),
        'the page names what stops',
      );
      await checkPage(page, 'unsubscribe confirm', 'unsubscribe-confirm');
      await page.getByRole('button', { name: t('notifications.unsubscribe.button') }).click();
      await page.waitForLoadState();
      assert.equal(
        (await page.getByRole('status').innerText()).trim(),
        t('notifications.unsubscribe.doneKind', { kind }),
      );
      await checkPage(page, 'unsubscribe done', 'unsubscribe-done');
      expectNoPageProblems(page, 'unsubscribe');
    } finally {
      await fresh.close();
    }

    const page = await mine.newPage();
    await page.goto(`${base}/cuenta/avisos`);
    assert.equal(new URL(page.url()).pathname, '/cuenta/avisos', 'still signed in');
    assert.equal(await chosen(page, 'invitation'), 'never');
    assert.ok(await choice(page, 'invitation', 'never').isVisible());
    // The choices saved before are untouched.
    assert.equal(await chosen(page, 'challenge_progress'), 'immediate');
    assert.equal(await chosen(page, 'discussion'), 'daily');
    expectNoPageProblems(page, 'preferences after unsubscribing');
    await page.close();
  });

  it('an administrator sees the outbox at /admin and puts a failed email back in line; others are refused', async () => {
    const base = server.baseUrl;
    const db = server.database.db;
    const [rosa] = await db.select().from(users).where(eq(users.email, owner.email));
    /** A failed email to Rosa, as the worker leaves one after its last attempt. */
    const failEmail = async (lastError: string) =>
      (
        await db
          .insert(outbox)
          .values({
            kind: 'organization_verified',
            template: 'organization-verified',
            recipientId: rosa!.id,
            toAddress: owner.email,
            language: 'es',
            data: {
              organization: owner.organizationName,
              path: `/organizaciones/${owner.organization}`,
            },
            status: 'failed',
            attempts: 10,
            lastError,
          })
          .returning()
      )[0]!;
    const failed = await failEmail('connect ECONNREFUSED 127.0.0.1:25');
    const subject = t('notifications.email.verified.subject', {
      organization: owner.organizationName,
    });

    // The person of the earlier tests is signed in, but is not an administrator.
    const refused = await mine.newPage();
    const response = await refused.goto(`${base}/admin`);
    assert.equal(response?.status(), 403);
    assert.equal(await h1Text(refused), t('errors.403.title'));
    assert.ok((await refused.locator('main').innerText()).includes(t('admin.refused')));
    expectNoPageProblems(refused, '/admin refused', { allow: [`${base}/admin`] });
    await refused.close();

    const adminBrowser = await openBrowser();
    try {
      const page = await adminBrowser.newPage();
      await signInWithEmailLink(page, base, admin);
      await page.goto(`${base}/admin`);
      assert.equal(await h1Text(page), t('admin.title'));
      const section = page.getByRole('region', { name: t('admin.outbox.heading') });
      for (const key of ['pending', 'retrying', 'digest', 'sentToday', 'failed']) {
        assert.ok(await section.getByText(t(`admin.outbox.${key}`), { exact: true }).isVisible());
      }
      const row = section.getByRole('row').filter({ hasText: owner.email });
      assert.equal(await row.count(), 1);
      const cells = await row.getByRole('cell').allInnerTexts();
      assert.equal(cells[1], owner.email);
      assert.equal(cells[2], subject);
      assert.equal(cells[3], '10');
      assert.equal(cells[4], 'connect ECONNREFUSED 127.0.0.1:25');
      await expectNoAxeViolations(page, '/admin with a failed email');

      const before = await (await mailsTo(page, base, owner.email)).count();
      await page.goto(`${base}/admin`);
      await page
        .getByRole('button', { name: t('admin.outbox.retryOne', { to: owner.email }) })
        .click();
      await page.waitForURL((url) => url.searchParams.get('reintentados') === '1');
      assert.equal(
        (await page.getByRole('status').innerText()).trim(),
        t('admin.outbox.retried', { count: 1 }),
      );
      assert.ok(await page.getByText(t('admin.outbox.noFailed')).isVisible());
      await checkPage(page, '/admin after a retry', 'admin-outbox-retried');

      // The outbox worker sends it again.
      await openNewMailTo(page, base, owner.email, before);
      assert.equal(await h1Text(page), subject);
      const [sent] = await db.select().from(outbox).where(eq(outbox.id, failed.id));
      assert.equal(sent!.status, 'sent');

      // With a failed email listed, the page fits a phone like any other.
      await failEmail('connect ECONNREFUSED 127.0.0.1:25 (el servidor de correo no respondió)');
      await page.goto(`${base}/admin`);
      assert.equal(await section.getByRole('row').count(), 2, 'a header row and the failed email');
      await checkPage(page, '/admin with a failed email', 'admin-outbox');
      expectNoPageProblems(page, '/admin');
    } finally {
      await adminBrowser.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createTranslator } from '../../server/i18n/index.ts';
import {
  expectNoAxeViolations,
  expectNoPageProblems,
  openBrowser,
  screenshot,
  viewports,
  type OpenBrowser,
} from './support/browser.ts';
import { signInWithDemoGithub, signInWithEmailLink } from './support/journeys.ts';
import { startServer, type E2eServer } from './support/server.ts';

const t = createTranslator().t('es');

const challenge = {
  slug: 'mapa-de-descargas-al-rio-atoyac',
  title: 'Mapa ciudadano de descargas al río Atoyac',
};
// A demo volunteer without a proposal on this challenge, and one of her MIT-licensed repositories.
const volunteer = { login: 'itzel-ramirez', name: 'Itzel Ramírez' };
const member = {
  email: 'rosa@vecinos-atoyac.example.org',
  name: 'Rosa Elena Huerta',
  organization: 'Vecinos del Río Atoyac',
};
const proposal = {
  title: 'Registro de descargas con fotos y folio público',
  summary:
    'Una app web que funciona sin conexión para registrar cada descarga con foto y ubicación.',
  approach: 'Una PWA con **almacenamiento local** que sincroniza al recuperar la señal.',
  repositoryUrl: 'https://github.com/itzel-ramirez/gtfs-merida',
  technologies: 'TypeScript, PostGIS, Leaflet',
};
// The demo challenges' criteria, with the score Rosa gives each (the scale's label).
const scores = [
  { criterion: 'Impacto para las personas afectadas', score: '5' },
  { criterion: 'Viabilidad de adopción', score: '4' },
  { criterion: 'Calidad y apertura del código', score: '3' },
];
// 40 × 5/5 + 35 × 4/5 + 25 × 3/5
const expectedTotal = '83.0';
const progress = {
  body: 'Ya se pueden registrar descargas sin conexión y se sincronizan después.',
  milestone: 'Prototipo listo',
  linkUrl: 'https://github.com/itzel-ramirez/gtfs-merida/pull/1',
};
const adoption = { evidenceUrl: 'https://vecinos-atoyac.example.org/actas/2025-uso-del-mapa' };
const endorsement =
  'Con el mapa, cada denuncia tiene folio y fotos: por fin las autoridades nos responden.';

const challengePath = `/retos/${challenge.slug}`;

/** A date some days ago, as a date input takes it (YYYY-MM-DD). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The text of the challenge's status badge, in its header (shown in capitals). */
async function challengeStatus(page: Page): Promise<string> {
  return ((await page.locator('.challenge__header .status').textContent()) ?? '').trim();
}

/** The proposal's status in its tracking section. */
async function trackingStatus(page: Page): Promise<string> {
  return ((await page.locator('#seguimiento > p .status').textContent()) ?? '').trim();
}

/** Waits for the redirect back to the proposal page (any notice or anchor). */
async function backOnProposal(page: Page, proposalPath: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === proposalPath);
  await page.waitForLoadState();
}

describe('proposing a solution and following it to adoption', () => {
  let server: E2eServer;
  let volunteerBrowser: OpenBrowser;
  let memberBrowser: OpenBrowser;

  before(async () => {
    server = await startServer();
    volunteerBrowser = await openBrowser();
    memberBrowser = await openBrowser();
  });
  after(async () => {
    await volunteerBrowser?.close();
    await memberBrowser?.close();
    await server?.close();
  });

  it('a volunteer claims a challenge and proposes; the organization accepts, scores, confirms delivery, adopts and endorses', async () => {
    const base = server.baseUrl;

    // ---- The volunteer, signed in through the demo GitHub, says she is working on it. ----
    const mine = await volunteerBrowser.newPage();
    await signInWithDemoGithub(mine, base, volunteer.login);
    await mine.goto(`${base}${challengePath}`);
    assert.equal(await challengeStatus(mine), t('challenge.status.open'));
    await expectNoAxeViolations(mine, 'challenge page, volunteer');

    const claims = mine.getByRole('region', { name: t('claims.section.heading') });
    await claims.getByRole('button', { name: t('claims.section.claim') }).click();
    await mine.waitForURL((url) => url.pathname === challengePath);
    await mine.waitForLoadState();
    assert.ok(
      await claims.getByRole('link', { name: volunteer.name }).isVisible(),
      'the volunteer is listed as working on the challenge',
    );
    assert.ok(await claims.getByRole('button', { name: t('claims.section.unclaim') }).isVisible());
    await expectNoAxeViolations(mine, 'challenge page, claimed');

    // ---- She drafts a proposal from the challenge page, with an MIT repository. ----
    await mine.getByRole('link', { name: t('proposals.onChallenge.propose') }).click();
    await mine.waitForURL((url) => url.pathname === `${challengePath}/propuestas/nueva`);
    assert.equal(
      (await mine.locator('h1').innerText()).trim(),
      t('proposals.form.newTitle', { title: challenge.title }),
    );
    await expectNoAxeViolations(mine, 'new proposal form');
    await mine.getByLabel(t('proposals.form.title')).fill(proposal.title);
    await mine.getByLabel(t('proposals.form.summary')).fill(proposal.summary);
    await mine.getByLabel(t('proposals.form.approach')).fill(proposal.approach);
    await mine.getByLabel(t('proposals.form.repositoryUrl')).fill(proposal.repositoryUrl);
    await mine.getByLabel(t('proposals.form.technologies')).fill(proposal.technologies);
    await mine.getByRole('button', { name: t('proposals.form.create') }).click();
    await mine.waitForURL((url) => /^\/propuestas\/[0-9a-f-]+$/.test(url.pathname));
    const proposalPath = new URL(mine.url()).pathname;
    const proposalUrl = `${base}${proposalPath}`;
    assert.equal((await mine.locator('h1').innerText()).trim(), proposal.title);
    assert.equal(
      (await mine.getByRole('status').innerText()).trim(),
      t('proposals.notices.created'),
    );
    assert.equal(await trackingStatus(mine), t('proposals.status.draft'));
    await expectNoAxeViolations(mine, 'proposal page, draft');

    // ---- She submits it: the repository check passes with the licence's SPDX id. ----
    await mine.getByRole('button', { name: t('proposals.transition.submit') }).click();
    await mine.waitForURL((url) => url.searchParams.get('aviso') === 'enviada');
    assert.equal(
      (await mine.getByRole('status').innerText()).trim(),
      t('proposals.notices.submitted'),
    );
    const check = mine.locator('.repository-check');
    assert.match((await check.getAttribute('class')) ?? '', /repository-check--verified/);
    const checkText = await check.innerText();
    assert.ok(checkText.includes(t('proposals.check.state.verified')), checkText);
    assert.ok(
      checkText.includes(
        t('proposals.check.verified', { repository: 'itzel-ramirez/gtfs-merida', license: 'MIT' }),
      ),
      checkText,
    );
    assert.equal(
      (
        await mine
          .locator('.facts dt', { hasText: t('proposals.show.license') })
          .locator('+ dd')
          .innerText()
      ).trim(),
      'MIT',
    );
    assert.ok(await mine.getByText(t('proposals.check.badge'), { exact: true }).isVisible());
    assert.equal(await trackingStatus(mine), t('proposals.status.submitted'));
    // Nothing to start until the organization accepts.
    assert.equal(await mine.getByRole('button', { name: t('tracking.start.button') }).count(), 0);
    await expectNoAxeViolations(mine, 'proposal page, submitted');

    // ---- Rosa, of the challenge's organization, opens the proposal and accepts it. ----
    const rosa = await memberBrowser.newPage();
    await signInWithEmailLink(rosa, base, member.email);
    await rosa.goto(`${base}${challengePath}`);
    await rosa
      .getByRole('region', { name: t('proposals.onChallenge.heading') })
      .getByRole('link', { name: proposal.title })
      .click();
    await rosa.waitForURL((url) => url.pathname === proposalPath);
    const review = rosa.getByRole('region', { name: t('review.actions.heading') });
    assert.ok(await review.isVisible(), 'the organization sees the review panel');
    await expectNoAxeViolations(rosa, 'proposal page, organization review');
    await review.getByRole('button', { name: t('review.actions.accept') }).click();
    await backOnProposal(rosa, proposalPath);
    assert.equal(await trackingStatus(rosa), t('proposals.status.accepted'));

    await rosa.goto(`${base}${challengePath}`);
    assert.equal(await challengeStatus(rosa), t('challenge.status.in_progress'));
    await expectNoAxeViolations(rosa, 'challenge page, in development');

    // ---- She scores every criterion and sees the ranking. ----
    await rosa.goto(proposalUrl);
    await rosa.getByRole('link', { name: t('review.actions.score') }).click();
    await rosa.waitForURL((url) => url.pathname === `${proposalPath}/evaluar`);
    assert.equal((await rosa.locator('h1').innerText()).trim(), t('review.evaluate.heading'));
    await expectNoAxeViolations(rosa, 'score sheet');
    for (const { criterion, score } of scores) {
      await rosa
        .getByRole('group', { name: criterion })
        .getByRole('radio', { name: t(`review.evaluate.scale.${score}`) })
        .check();
    }
    await rosa
      .getByRole('group', { name: scores[0]!.criterion })
      .getByLabel(t('review.evaluate.comment'))
      .fill('Resuelve justo lo que pedimos las comunidades.');
    await rosa.getByRole('button', { name: t('review.evaluate.submit') }).click();
    await rosa.waitForURL((url) => url.pathname === `${challengePath}/evaluacion`);
    assert.equal((await rosa.locator('h1').innerText()).trim(), t('review.ranking.heading'));
    const row = rosa.getByRole('row', { name: new RegExp(proposal.title) });
    const cells = (await row.getByRole('cell').allInnerTexts()).map((cell) => cell.trim());
    assert.equal(cells[0], '1', `ranked first: ${cells.join(' | ')}`);
    assert.deepEqual(cells.slice(2, 5), ['5.00', '4.00', '3.00']);
    assert.equal(cells[5], '1', 'one reviewer');
    assert.equal(cells[6], expectedTotal);
    // On a desktop the whole table, up to the weighted total, fits without scrolling sideways.
    const table = rosa.locator('.table-scroll');
    const [scrollWidth, clientWidth] = await table.evaluate((element) => [
      element.scrollWidth,
      element.clientWidth,
    ]);
    assert.ok(
      scrollWidth! <= clientWidth!,
      `the ranking fits (${scrollWidth}px in ${clientWidth}px)`,
    );
    await expectNoAxeViolations(rosa, 'ranking');
    await screenshot(rosa, 'proposal-ranking');

    // ---- The volunteer starts work and posts progress with a milestone and a link. ----
    await mine.goto(proposalUrl);
    assert.equal(await trackingStatus(mine), t('proposals.status.accepted'));
    await expectNoAxeViolations(mine, 'proposal page, accepted');
    await mine.getByRole('button', { name: t('tracking.start.button') }).click();
    await backOnProposal(mine, proposalPath);
    assert.equal(await trackingStatus(mine), t('proposals.status.in_progress'));
    const progressSection = mine.getByRole('region', { name: t('tracking.progress.heading') });
    await progressSection.getByLabel(t('tracking.progress.body')).fill(progress.body);
    await progressSection.getByLabel(t('tracking.progress.milestone')).fill(progress.milestone);
    await progressSection.getByLabel(t('tracking.progress.link')).fill(progress.linkUrl);
    await progressSection.getByRole('button', { name: t('tracking.progress.submit') }).click();
    await backOnProposal(mine, proposalPath);
    const update = progressSection.getByRole('listitem').first();
    const updateText = await update.innerText();
    assert.ok(
      updateText.includes(`${t('tracking.progress.milestoneBadge')}: ${progress.milestone}`),
      updateText,
    );
    assert.ok(updateText.includes(progress.body), updateText);
    assert.equal(
      await update.getByRole('link', { name: progress.linkUrl }).getAttribute('href'),
      progress.linkUrl,
    );
    await expectNoAxeViolations(mine, 'proposal page, progress posted');

    // ---- Rosa confirms delivery: the challenge is solved. ----
    await rosa.goto(proposalUrl);
    assert.ok(
      (
        await rosa.getByRole('region', { name: t('tracking.progress.heading') }).innerText()
      ).includes(progress.milestone),
      'the organization sees the progress update',
    );
    await expectNoAxeViolations(rosa, 'proposal page, in development');
    await rosa.getByRole('button', { name: t('tracking.delivery.button') }).click();
    await backOnProposal(rosa, proposalPath);
    assert.equal(await trackingStatus(rosa), t('proposals.status.delivered'));
    await expectNoAxeViolations(rosa, 'proposal page, delivered');
    await rosa.goto(`${base}${challengePath}`);
    assert.equal(await challengeStatus(rosa), t('challenge.status.solved'));

    // ---- She records that her organization uses it. ----
    await rosa.goto(proposalUrl);
    const adoptions = rosa.getByRole('region', { name: t('tracking.adoptions.heading') });
    await adoptions
      .getByLabel(t('tracking.adoptions.organization'))
      .selectOption({ label: member.organization });
    await adoptions.getByLabel(t('tracking.adoptions.sinceLabel')).fill(daysAgo(2));
    await adoptions.getByLabel(t('tracking.adoptions.evidenceLabel')).fill(adoption.evidenceUrl);
    await adoptions.getByRole('button', { name: t('tracking.adoptions.submit') }).click();
    await backOnProposal(rosa, proposalPath);
    assert.equal(await trackingStatus(rosa), t('proposals.status.adopted'));
    const adopted = adoptions.getByRole('listitem').filter({ hasText: member.organization });
    assert.equal(await adopted.count(), 1);
    assert.equal(
      await adopted
        .getByRole('link', { name: t('tracking.adoptions.evidence') })
        .getAttribute('href'),
      adoption.evidenceUrl,
    );
    await expectNoAxeViolations(rosa, 'proposal page, adopted');

    // ---- And endorses the solution in her own words. ----
    const endorsements = rosa.getByRole('region', { name: t('tracking.endorsements.heading') });
    await endorsements.getByLabel(t('tracking.endorsements.statement')).fill(endorsement);
    await endorsements.getByRole('button', { name: t('tracking.endorsements.submit') }).click();
    await backOnProposal(rosa, proposalPath);
    const endorsed = endorsements.getByRole('listitem');
    assert.equal(await endorsed.count(), 1);
    assert.equal((await endorsed.locator('blockquote').innerText()).trim(), endorsement);
    assert.match(await endorsed.innerText(), new RegExp(`${member.name}, ${member.organization}`));
    assert.ok(await endorsements.getByText(t('tracking.endorsements.already')).isVisible());
    await expectNoAxeViolations(rosa, 'proposal page, endorsed');
    for (const [name, viewport] of Object.entries(viewports)) {
      await rosa.setViewportSize(viewport);
      await rosa.evaluate('window.scrollTo(0, 0)');
      await screenshot(rosa, `proposal-endorsed-${name}`);
    }
    await rosa.setViewportSize(viewports.desktop);

    // The challenge page shows the endorsement too.
    await rosa.goto(`${base}${challengePath}`);
    const validation = rosa.getByRole('region', { name: t('tracking.challenge.heading') });
    assert.ok(await validation.getByRole('link', { name: proposal.title }).isVisible());
    assert.equal((await validation.locator('blockquote').innerText()).trim(), endorsement);
    await expectNoAxeViolations(rosa, 'challenge page, solved and endorsed');
    await screenshot(rosa, 'challenge-solved-endorsed');
    expectNoPageProblems(rosa, "the organization member's journey");

    // ---- The volunteer sees where her proposal ended up. ----
    await mine.goto(proposalUrl);
    assert.equal(await trackingStatus(mine), t('proposals.status.adopted'));
    assert.equal(
      (
        await mine
          .getByRole('region', { name: t('tracking.endorsements.heading') })
          .locator('blockquote')
          .innerText()
      ).trim(),
      endorsement,
    );
    await expectNoAxeViolations(mine, 'proposal page, volunteer at the end');
    expectNoPageProblems(mine, "the volunteer's journey");
  });
});

// Browser tests drive Debian's chromium through playwright-core (no downloaded browser builds).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The real binary first: /usr/bin/chromium is a wrapper script around it. */
const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

export const viewports = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;

export function chromiumExecutable(): string {
  const found = CHROMIUM_CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_CANDIDATES.join(' or ')}; install it with ` +
        '`apt-get update && apt-get install -y chromium`.',
    );
  }
  return found;
}

/** What went wrong while a page was open: console errors, script errors, failed requests. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
}

const problemsByPage = new WeakMap<Page, PageProblems>();

function track(page: Page): void {
  if (problemsByPage.has(page)) return;
  const problems: PageProblems = { consoleErrors: [], failedRequests: [] };
  problemsByPage.set(page, problems);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    problems.consoleErrors.push(url ? `${message.text()} (${url})` : message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    problems.failedRequests.push(
      `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`,
    );
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.failedRequests.push(
        `${response.request().method()} ${response.url()}: HTTP ${response.status()}`,
      );
    }
  });
}

/** Everything recorded for the page so far (tracking starts when the page opens). */
export function problemsOf(page: Page): PageProblems {
  const problems = problemsByPage.get(page);
  if (!problems) throw new Error('this page was not opened through openBrowser()');
  return problems;
}

/** Forgets what was recorded so far, e.g. before the next navigation of the same page. */
export function resetProblems(page: Page): void {
  const problems = problemsOf(page);
  problems.consoleErrors.length = 0;
  problems.failedRequests.length = 0;
}

/**
 * Fails when the page logged a console error, threw, or had a request fail. `allow` drops
 * entries that mention one of its strings, e.g. the URL of a page that is meant to be a 404.
 */
export function expectNoPageProblems(
  page: Page,
  label: string,
  options: { allow?: string[] } = {},
): void {
  const allow = options.allow ?? [];
  const keep = (entry: string) => !allow.some((allowed) => entry.includes(allowed));
  const { consoleErrors, failedRequests } = problemsOf(page);
  assert.deepEqual(consoleErrors.filter(keep), [], `${label}: console errors`);
  assert.deepEqual(failedRequests.filter(keep), [], `${label}: failed requests`);
}

export interface OpenBrowser {
  context: BrowserContext;
  /** A new tab, tracked for console errors and failed requests. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts a headless chromium with a profile of its own in a fresh temporary folder. The
 * visitor speaks Mexican Spanish unless `locale` says otherwise (it sets Accept-Language).
 */
export async function openBrowser(
  options: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<OpenBrowser> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumExecutable(),
      headless: true,
      args: CHROMIUM_ARGS,
      locale: options.locale ?? 'es-MX',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: viewports.desktop,
    });
  } catch (error) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  context.on('page', track);
  for (const page of context.pages()) track(page);
  let closing: Promise<void> | undefined;
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      track(page);
      return page;
    },
    close() {
      closing ??= context.close().finally(() => {
        fs.rmSync(profileDir, { recursive: true, force: true });
      });
      return closing;
    },
  };
}

/** Runs axe with the WCAG 2.1 A and AA rules and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((violation) => {
      const targets = violation.nodes
        .map((node) => `    - ${node.target.map((selector) => String(selector)).join(' > ')}`)
        .join('\n');
      return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n${targets}`;
    })
    .join('\n');
  assert.fail(
    `${label}: ${results.violations.length} accessibility violation(s) at ${page.url()}\n${report}`,
  );
}

/** Saves a full-page PNG as tests/e2e/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^a-z0-9._-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

import { Router } from 'express';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_GITHUB_PATH } from '../github/index.ts';
import { NotFoundError } from '../errors.ts';
import { demoRepositories } from '../seed/index.ts';
import {
  createGithubEmulator,
  type EmulatedAccount,
  type EmulatedRepository,
} from './github-emulator.ts';

// The same people as the seeded volunteers, so a demo sign-in lands on a filled-in profile.
export const demoGithubAccounts: EmulatedAccount[] = [
  {
    id: 910001,
    login: 'itzel-ramirez',
    name: 'Itzel Ramírez',
    emails: [{ email: 'itzel.ramirez@example.org', primary: true, verified: true }],
  },
  {
    id: 910002,
    login: 'emitorres',
    name: 'Emiliano Torres',
    emails: [{ email: 'emiliano.torres@example.org', primary: true, verified: true }],
  },
  {
    id: 910099,
    login: 'nueva-voluntaria',
    name: null,
    emails: [{ email: 'nueva.voluntaria@example.org', primary: true, verified: true }],
  },
];

// The demo volunteers' repositories, the same the seeded proposals point at, so the open-source
// check of a proposal works offline.
export const demoGithubRepositories: EmulatedRepository[] = demoRepositories;

/**
 * A stand-in for GitHub, mounted only outside production when no GitHub app is configured, so
 * a newcomer can try the volunteer side; passport-github2 runs against it unchanged.
 */
export function demoGithub() {
  const emulator = createGithubEmulator({
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    accounts: () => demoGithubAccounts,
    repositories: demoGithubRepositories,
  });

  const pages = Router();
  pages.get(`${DEMO_GITHUB_PATH}/login/oauth/authorize`, (req, res) => {
    const request = emulator.authorizeRequest(req);
    if (!request) throw new NotFoundError();
    const approve = (account: EmulatedAccount) => {
      const url = new URL('http://retos.invalid/');
      url.pathname = `${DEMO_GITHUB_PATH}/login/oauth/authorize/approve`;
      for (const [key, value] of Object.entries(req.query)) {
        if (typeof value === 'string') url.searchParams.set(key, value);
      }
      url.searchParams.set('account', String(account.id));
      return `${url.pathname}${url.search}`;
    };
    res.render('dev/github-authorize', {
      pageTitle: req.t('demoGithub.title'),
      accounts: demoGithubAccounts.map((account) => ({
        login: account.login,
        name: account.name,
        email: account.emails.find((email) => email.primary)?.email,
        approveUrl: approve(account),
      })),
    });
  });
  pages.get(`${DEMO_GITHUB_PATH}/login/oauth/authorize/approve`, (req, res) => {
    const request = emulator.authorizeRequest(req);
    const account = emulator.account(Number(req.query.account));
    if (!request || !account) throw new NotFoundError();
    res.redirect(303, emulator.approvalRedirect(request, account.id));
  });

  const api = Router();
  api.use(DEMO_GITHUB_PATH, emulator.api);
  return { api, pages };
}

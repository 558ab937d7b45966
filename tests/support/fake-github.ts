import express from 'express';
import { listen } from '../../server/runtime/http-server.ts';
import {
  createGithubEmulator,
  type EmulatedAccount,
  type EmulatedRepository,
} from '../../server/dev/github-emulator.ts';

export const FAKE_CLIENT_ID = 'test-client-id';
export const FAKE_CLIENT_SECRET = 'test-client-secret';

/**
 * GitHub on 127.0.0.1 for tests: OAuth (checking client id and secret, single-use codes) and
 * /api/user, /api/user/emails (checking bearer tokens), /api/repos/:owner/:repo (from
 * `repositories`, changed in place). Authorize approves `approveAs`; `state.apiDown` makes every
 * API call answer 503, as GitHub does during an outage.
 */
export async function startFakeGithub() {
  const accounts: EmulatedAccount[] = [];
  const repositories: EmulatedRepository[] = [];
  const emulator = createGithubEmulator({
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    accounts: () => accounts,
    repositories,
  });
  const state = { approveAs: undefined as number | undefined, apiDown: false };
  const app = express();
  app.use('/api', (_req, res, next) => {
    if (!state.apiDown) return next();
    res.status(503).json({ message: 'Service Unavailable' });
  });
  app.use(emulator.api);
  app.get('/login/oauth/authorize', (req, res) => {
    const request = emulator.authorizeRequest(req);
    if (!request || state.approveAs === undefined) {
      res.status(400).send('bad authorize request');
      return;
    }
    res.redirect(302, emulator.approvalRedirect(request, state.approveAs));
  });
  const running = await listen(app, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${running.port}`;
  return {
    url,
    accounts,
    repositories,
    state,
    env: {
      GITHUB_CLIENT_ID: FAKE_CLIENT_ID,
      GITHUB_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      GITHUB_OAUTH_URL: url,
      GITHUB_API_URL: `${url}/api`,
    },
    close: () => running.close(100),
  };
}

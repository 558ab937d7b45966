import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startFakeGithub,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
} from '../../../support/fake-github.ts';

describe('the fake GitHub', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  before(async () => {
    github = await startFakeGithub();
    github.accounts.push({
      id: 9,
      login: 'octo',
      name: 'Octo',
      emails: [{ email: 'o@example.org', primary: true, verified: true }],
    });
    github.state.approveAs = 9;
  });
  after(() => github.close());

  async function code(redirectUri = 'http://127.0.0.1:1/cb') {
    const url = `${github.url}/login/oauth/authorize?client_id=${FAKE_CLIENT_ID}&redirect_uri=${encodeURIComponent(redirectUri)}&state=s1`;
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    assert.equal(location.searchParams.get('state'), 's1');
    return location.searchParams.get('code')!;
  }

  const exchange = (body: Record<string, string>) =>
    fetch(`${github.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(body),
    }).then((response) => response.json() as Promise<Record<string, string>>);

  it('refuses an unknown client id at authorize', async () => {
    const response = await fetch(
      `${github.url}/login/oauth/authorize?client_id=otro&redirect_uri=http://x/cb`,
      { redirect: 'manual' },
    );
    assert.equal(response.status, 400);
  });

  it('exchanges a code once, and only with the right secret', async () => {
    const wrongSecret = await exchange({
      client_id: FAKE_CLIENT_ID,
      client_secret: 'nope',
      code: await code(),
    });
    assert.equal(wrongSecret.error, 'incorrect_client_credentials');

    const first = await code();
    const token = await exchange({
      client_id: FAKE_CLIENT_ID,
      client_secret: FAKE_CLIENT_SECRET,
      code: first,
    });
    assert.match(token.access_token!, /^gho_/);
    const reused = await exchange({
      client_id: FAKE_CLIENT_ID,
      client_secret: FAKE_CLIENT_SECRET,
      code: first,
    });
    assert.equal(reused.error, 'bad_verification_code');
  });

  it('answers the API only with a valid bearer token', async () => {
    const token = await exchange({
      client_id: FAKE_CLIENT_ID,
      client_secret: FAKE_CLIENT_SECRET,
      code: await code(),
    });
    const user = await fetch(`${github.url}/api/user`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    assert.equal(user.status, 200);
    assert.equal(((await user.json()) as { login: string }).login, 'octo');
    const emails = await fetch(`${github.url}/api/user/emails`, {
      headers: { authorization: `token ${token.access_token}` },
    });
    assert.deepEqual(
      ((await emails.json()) as { email: string }[]).map((e) => e.email),
      ['o@example.org'],
    );
    assert.equal(
      (await fetch(`${github.url}/api/user`, { headers: { authorization: 'Bearer gho_made_up' } }))
        .status,
      401,
    );
    assert.equal((await fetch(`${github.url}/api/user`)).status, 401);
  });
});

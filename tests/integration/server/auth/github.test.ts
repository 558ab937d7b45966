import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../../../models/schema/index.ts';
import { startFakeGithub } from '../../../support/fake-github.ts';
import { cookieClient, startTestServer } from '../../../support/test-server.ts';

type FakeGithub = Awaited<ReturnType<typeof startFakeGithub>>;
type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('signing in with GitHub', () => {
  let github: FakeGithub;
  let server: Server;

  before(async () => {
    github = await startFakeGithub();
    server = await startTestServer({ env: github.env });
  });
  after(async () => {
    await server.stop();
    await github.close();
  });
  beforeEach(() => {
    github.accounts.length = 0;
    github.accounts.push({
      id: 4242,
      login: 'ana-dev',
      name: 'Ana Desarrolladora',
      avatarUrl: 'https://avatars.example.org/4242',
      emails: [
        { email: 'ana.vieja@example.org', primary: false, verified: true },
        { email: 'Ana@Example.org', primary: true, verified: true },
      ],
    });
    github.state.approveAs = 4242;
  });

  /** Walks the whole code flow; returns the client and where the app sent it at the end. */
  async function signIn(path = '/auth/github', client = cookieClient()) {
    const start = await client.fetch(`${server.url}${path}`);
    assert.equal(start.status, 302);
    const authorize = new URL(start.headers.get('location')!);
    const atGithub = await client.fetch(authorize.toString());
    assert.equal(atGithub.status, 302, 'the fake GitHub approves');
    const callback = await client.fetch(atGithub.headers.get('location')!);
    return { client, authorize, callback };
  }

  const signedInAs = async (client: ReturnType<typeof cookieClient>) => {
    const account = await client.fetch(`${server.url}/cuenta`);
    if (account.status !== 200) return undefined;
    return /Entraste con GitHub como @([\w-]+)/.exec(await account.text())?.[1];
  };

  it('runs the OAuth code flow with state and the user:email scope, and signs the volunteer in', async () => {
    const { client, authorize, callback } = await signIn('/auth/github?volver=%2Facerca');
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${github.url}/login/oauth/authorize`);
    assert.equal(authorize.searchParams.get('client_id'), github.env.GITHUB_CLIENT_ID);
    assert.equal(authorize.searchParams.get('scope'), 'user:email');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${server.url}/auth/github/callback`);
    assert.ok((authorize.searchParams.get('state') ?? '').length >= 16, 'OAuth state is on');

    assert.equal(callback.status, 303);
    assert.equal(callback.headers.get('location'), '/acerca');
    assert.equal(await signedInAs(client), 'ana-dev');

    const [user] = await server.database.db.select().from(users).where(eq(users.githubId, 4242));
    assert.ok(user);
    assert.equal(user.githubLogin, 'ana-dev');
    assert.equal(user.name, 'Ana Desarrolladora');
    assert.equal(user.email, 'ana@example.org', 'the primary verified address, lower-cased');
    assert.equal(user.avatarUrl, 'https://avatars.example.org/4242');
    assert.equal(user.githubProfileUrl, `${github.url}/ana-dev`);
  });

  it('gives the signed-in volunteer a new session id', async () => {
    const client = cookieClient();
    const start = await client.fetch(`${server.url}/auth/github`);
    const before = client.jar.get('retos.sid');
    assert.ok(before, 'the OAuth state lives in a session');
    const atGithub = await client.fetch(start.headers.get('location')!);
    await client.fetch(atGithub.headers.get('location')!);
    const afterSignIn = client.jar.get('retos.sid');
    assert.ok(afterSignIn);
    assert.notEqual(afterSignIn, before);
  });

  it('refuses a callback whose state was forged', async () => {
    github.accounts.push({ id: 5151, login: 'nunca-entra', name: null, emails: [] });
    github.state.approveAs = 5151;
    const client = cookieClient();
    const start = await client.fetch(`${server.url}/auth/github`);
    const atGithub = await client.fetch(start.headers.get('location')!);
    const callback = new URL(atGithub.headers.get('location')!);
    callback.searchParams.set('state', 'forged-state-value');
    const response = await client.fetch(callback.toString());
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), '/entrar?fallo=github');
    assert.equal(await signedInAs(client), undefined);
    const page = await client.fetch(`${server.url}/entrar?fallo=github`);
    assert.equal(page.status, 403);
    assert.match(await page.text(), /No pudimos completar la entrada con GitHub/);
    const rows = await server.database.db.select().from(users).where(eq(users.githubId, 5151));
    assert.equal(rows.length, 0, 'no account was created');
  });

  it('refuses a callback for a flow this browser never started', async () => {
    const attacker = await signIn();
    void attacker;
    const victim = cookieClient();
    const response = await victim.fetch(`${server.url}/auth/github/callback?code=abc&state=xyz`);
    assert.equal(response.headers.get('location'), '/entrar?fallo=github');
    assert.equal(await signedInAs(victim), undefined);
  });

  it('recognises a volunteer whose GitHub login changed as the same account', async () => {
    await signIn();
    const [first] = await server.database.db.select().from(users).where(eq(users.githubId, 4242));
    github.accounts[0]!.login = 'ana-renombrada';
    github.accounts[0]!.name = 'Ana R.';
    const { client } = await signIn();
    assert.equal(await signedInAs(client), 'ana-renombrada');
    const rows = await server.database.db.select().from(users).where(eq(users.githubId, 4242));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id, first!.id);
    assert.equal(rows[0]!.githubLogin, 'ana-renombrada');
    assert.equal(rows[0]!.githubName, 'Ana R.');
    assert.equal((await fetch(`${server.url}/voluntarios/ana-renombrada`)).status, 200);
    assert.equal((await fetch(`${server.url}/voluntarios/ana-dev`)).status, 404);
  });

  it('keeps no email that GitHub has not verified', async () => {
    github.accounts.push({
      id: 777,
      login: 'sin-verificar',
      name: null,
      emails: [{ email: 'nada@example.org', primary: true, verified: false }],
    });
    github.state.approveAs = 777;
    const { client } = await signIn();
    assert.equal(await signedInAs(client), 'sin-verificar');
    const [user] = await server.database.db.select().from(users).where(eq(users.githubId, 777));
    assert.equal(user!.email, null);
  });

  it('ignores a return address on another site', async () => {
    for (const target of ['https://evil.example', '//evil.example/x', '/\\evil.example']) {
      const { callback } = await signIn(`/auth/github?volver=${encodeURIComponent(target)}`);
      assert.equal(callback.headers.get('location'), '/', target);
    }
  });
});

describe('GitHub with a wrong client secret', () => {
  it('does not sign anyone in', async () => {
    const github = await startFakeGithub();
    const server = await startTestServer({
      env: { ...github.env, GITHUB_CLIENT_SECRET: 'not-the-secret' },
    });
    try {
      github.accounts.push({ id: 1, login: 'x', name: null, emails: [] });
      github.state.approveAs = 1;
      const client = cookieClient();
      const start = await client.fetch(`${server.url}/auth/github`);
      const atGithub = await client.fetch(start.headers.get('location')!);
      const callback = await client.fetch(atGithub.headers.get('location')!);
      assert.notEqual(callback.status, 200);
      assert.notEqual(callback.headers.get('location'), '/');
      assert.equal((await client.fetch(`${server.url}/cuenta`)).status, 303);
      assert.equal((await server.database.db.select().from(users)).length, 0);
    } finally {
      await server.stop();
      await github.close();
    }
  });
});

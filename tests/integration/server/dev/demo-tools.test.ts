import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { createMailer } from '../../../../server/mail/mailer.ts';
import { buildTestApp } from '../../../support/test-app.ts';
import { cookieClient, startTestServer } from '../../../support/test-server.ts';

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(40),
  GITHUB_CLIENT_ID: 'real-client',
  GITHUB_CLIENT_SECRET: 'real-secret',
};

describe('the demo GitHub', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.stop());

  it('lets a newcomer sign in as a demo volunteer through the real OAuth flow', async () => {
    const client = cookieClient();
    const start = await client.fetch(`${server.url}/auth/github`);
    const authorize = new URL(start.headers.get('location')!);
    assert.equal(authorize.pathname, '/dev/github/login/oauth/authorize');
    const chooser = await client.fetch(authorize.toString());
    const html = await chooser.text();
    assert.match(html, /GitHub de demostración/);
    assert.match(html, /Esto no es GitHub/);
    const approve =
      /href="(\/dev\/github\/login\/oauth\/authorize\/approve[^"]+account(?:=|&#x3D;)910099)"/.exec(
        html,
      )![1]!;
    const approved = await client.fetch(
      `${server.url}${approve.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=')}`,
    );
    const callback = await client.fetch(approved.headers.get('location')!);
    assert.equal(callback.status, 303);
    const account = await client.fetch(`${server.url}/cuenta`);
    assert.match(await account.text(), /Entraste con GitHub como @nueva-voluntaria/);
  });

  it('is labelled on the sign-in page', async () => {
    const page = await request(server.app).get('/entrar');
    assert.match(page.text, /GitHub de demostración con cuentas de prueba/);
  });
});

describe('development tools in production', () => {
  it('do not exist', async () => {
    const test = await buildTestApp({ env: PRODUCTION });
    try {
      for (const path of [
        '/dev/github/login/oauth/authorize?client_id=retos-demo-client&redirect_uri=http://x/cb',
        '/dev/correo',
      ]) {
        assert.equal((await request(test.app).get(path)).status, 404, path);
      }
      const token = await request(test.app)
        .post('/dev/github/login/oauth/access_token')
        .type('form')
        .send({ client_id: 'retos-demo-client', client_secret: 'retos-demo-secret', code: 'x' });
      assert.notEqual(token.status, 200);
      const signIn = await request(test.app).get('/entrar');
      assert.doesNotMatch(signIn.text, /demostración/);
      const github = await request(test.app).get('/auth/github');
      assert.match(
        String(github.headers.location),
        /^https:\/\/github\.com\/login\/oauth\/authorize\?/,
      );
    } finally {
      await test.close();
    }
  });
});

describe('the development outbox', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-outbox-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes emails as .eml files and lists them at /dev/correo with clickable links', async () => {
    const test = await buildTestApp({
      env: { DATA_DIR: dataDir },
      mailer: createMailer(
        { dataDir, mailFrom: 'Retos <no-reply@localhost>', smtpUrl: undefined },
        pino({ level: 'silent' }),
      ),
    });
    try {
      const agent = request.agent(test.app);
      const form = await agent.get('/entrar');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
      await agent
        .post('/entrar')
        .type('form')
        .send({ _csrf: csrf, email: 'demo@example.org' })
        .expect(200);
      await test.deliverMail();

      const files = fs.readdirSync(path.join(dataDir, 'outbox'));
      assert.equal(files.length, 1);
      assert.match(files[0]!, /^\d+-[0-9a-f]+\.eml$/);
      const raw = fs.readFileSync(path.join(dataDir, 'outbox', files[0]!), 'utf8');
      assert.match(raw, /^To: demo@example.org$/m);

      const list = await request(test.app).get('/dev/correo');
      assert.equal(list.status, 200);
      assert.match(list.text, /Tu enlace para entrar a Retos/);
      const message = await request(test.app).get(`/dev/correo/${files[0]}`);
      assert.match(
        message.text,
        /<a href="http:\/\/localhost:3000\/entrar\/enlace\?token(=|&#x3D;)[\w-]+">/,
      );
      assert.equal((await request(test.app).get('/dev/correo/..%2F..%2Fetc%2Fpasswd')).status, 404);
    } finally {
      await test.close();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ConfigError, parseConfig } from '../../../../server/config.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('the privacy notice', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp({ env: { PRIVACY_CONTACT_EMAIL: 'arco@municipio.example.mx' } });
  });
  after(() => test.close());

  it('names the configured contact address and the legal deadlines, in Spanish', async () => {
    const response = await request(test.app).get('/privacidad').expect(200);
    assert.match(
      response.text,
      /<a href="mailto:arco@municipio\.example\.mx">arco@municipio\.example\.mx<\/a>/,
    );
    assert.match(response.text, /20 días hábiles/);
    assert.match(response.text, /15 días hábiles siguientes a la respuesta/);
    assert.match(response.text, /Descargar mis datos/);
    assert.match(response.text, /cuenta eliminada/);
  });

  it('says the same in English', async () => {
    const response = await request(test.app).get('/privacidad?lang=en').expect(200);
    assert.match(response.text, /mailto:arco@municipio\.example\.mx/);
    assert.match(response.text, /within 20 business days/);
    assert.match(response.text, /within 15 business days after the answer/);
    assert.match(response.text, /Download my data/);
  });
});

describe('PRIVACY_CONTACT_EMAIL', () => {
  const config = (env: Record<string, string>) => parseConfig({ NODE_ENV: 'test', ...env });

  it('defaults to privacidad@ the domain mail is sent from', () => {
    assert.equal(
      config({ MAIL_FROM: 'Retos <avisos@retos.example.mx>' }).privacyContactEmail,
      'privacidad@retos.example.mx',
    );
    assert.equal(
      config({ MAIL_FROM: 'avisos@otro.example.org' }).privacyContactEmail,
      'privacidad@otro.example.org',
    );
    assert.equal(config({}).privacyContactEmail, 'privacidad@localhost');
  });

  it('refuses a value that is not an address, naming the variable', () => {
    assert.throws(
      () => config({ PRIVACY_CONTACT_EMAIL: 'no es correo' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PRIVACY_CONTACT_EMAIL must be an email/.test(error.message),
    );
  });

  it('shows the default on the page when none is set', async () => {
    const test = await buildTestApp({ env: { MAIL_FROM: 'Retos <no-reply@retos.example.mx>' } });
    try {
      const response = await request(test.app).get('/privacidad').expect(200);
      assert.match(response.text, /mailto:privacidad@retos\.example\.mx/);
    } finally {
      await test.close();
    }
  });
});

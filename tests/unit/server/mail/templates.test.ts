import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTranslator } from '../../../../server/i18n/index.ts';
import { renderEmail } from '../../../../server/mail/templates.ts';
import { redactUrl } from '../../../../server/http/request-logger.ts';

describe('email templates', () => {
  const translator = createTranslator();

  it('render subject, text and HTML in the reader language', () => {
    for (const [lang, subject, expiry] of [
      ['es', 'Tu enlace para entrar a Retos', 'caduca en 15 minutos'],
      ['en', 'Your link to sign in to Retos', 'expires in 15 minutes'],
    ] as const) {
      const email = renderEmail('sign-in-link', {
        t: translator.t(lang),
        lang,
        link: 'https://retos.example.org/entrar/enlace?token=abc',
        minutes: 15,
      });
      assert.equal(email.subject, subject);
      assert.match(email.text, /https:\/\/retos\.example\.org\/entrar\/enlace\?token=abc/);
      assert.match(email.text, new RegExp(expiry));
      assert.match(email.html, new RegExp(`<html lang="${lang}">`));
      assert.match(
        email.html,
        /href="https:\/\/retos\.example\.org\/entrar\/enlace\?token(=|&#x3D;)abc"/,
      );
    }
  });

  it('escape what they are given in HTML', () => {
    const email = renderEmail('sign-in-link', {
      t: translator.t('es'),
      lang: 'es',
      link: '"><script>alert(1)</script>',
      minutes: 15,
    });
    assert.doesNotMatch(email.html, /<script>/);
  });
});

describe('request logs', () => {
  it('never contain sign-in tokens or OAuth codes', () => {
    assert.equal(
      redactUrl('/entrar/enlace?token=secreto&lang=en'),
      '/entrar/enlace?token=[redacted]&lang=en',
    );
    assert.equal(
      redactUrl('/auth/github/callback?code=abc&state=def'),
      '/auth/github/callback?code=[redacted]&state=[redacted]',
    );
    assert.equal(redactUrl('/retos?q=agua'), '/retos?q=agua');
  });
});

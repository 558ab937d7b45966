import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactUrl } from '../../../../server/http/request-logger.ts';
import { createTranslator } from '../../../../server/i18n/index.ts';
import { renderEmail } from '../../../../server/mail/templates.ts';

describe('the invitation email', () => {
  const translator = createTranslator();
  const context = (lang: 'es' | 'en') => ({
    t: translator.t(lang),
    lang,
    link: 'https://retos.example.org/invitaciones/abc_DEF-123',
    organization: 'Vecinos & Amigos <del Río>',
    kind: translator.t(lang)('organizationKind.community'),
    inviter: 'Rosa Huerta',
    days: 14,
    expiresAt: new Date('2026-12-15T18:00:00Z'),
  });

  it('has a subject, a text and an HTML part in the reader language, with the link', () => {
    for (const [lang, subject, expiry] of [
      [
        'es',
        'Te invitaron a Vecinos & Amigos <del Río> en Retos',
        'caduca en 14 días, el 15 de diciembre de 2026',
      ],
      [
        'en',
        'You are invited to join Vecinos & Amigos <del Río> on Retos',
        'expires in 14 days, on December 15, 2026',
      ],
    ] as const) {
      const email = renderEmail('organization-invitation', context(lang));
      assert.equal(email.subject, subject);
      assert.match(email.text, /https:\/\/retos\.example\.org\/invitaciones\/abc_DEF-123/);
      assert.match(email.text, /Rosa Huerta/);
      assert.match(email.text, new RegExp(expiry));
      assert.match(email.html, new RegExp(`<html lang="${lang}">`));
      assert.match(email.html, /href="https:\/\/retos\.example\.org\/invitaciones\/abc_DEF-123"/);
    }
  });

  it('escapes the organization name in HTML', () => {
    const email = renderEmail('organization-invitation', context('es'));
    assert.doesNotMatch(email.html, /<del Río>/);
    assert.match(email.html, /Vecinos &amp; Amigos &lt;del Río&gt;/);
  });
});

describe('request logs', () => {
  it('never contain invitation tokens, in the path or on the way through sign-in', () => {
    assert.equal(redactUrl('/invitaciones/abc_DEF-123'), '/invitaciones/[redacted]');
    assert.equal(
      redactUrl('/invitaciones/abc_DEF-123?lang=en'),
      '/invitaciones/[redacted]?lang=en',
    );
    assert.equal(
      redactUrl('/entrar?volver=%2Finvitaciones%2Fabc_DEF-123'),
      '/entrar?volver=%2Finvitaciones%2F[redacted]',
    );
    assert.equal(redactUrl('/organizaciones/huerto/miembros'), '/organizaciones/huerto/miembros');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTranslator, type Language } from '../../../../server/i18n/index.ts';
import { renderEmail } from '../../../../server/mail/templates.ts';
import { redactUrl } from '../../../../server/http/request-logger.ts';

const translator = createTranslator();
const languages: Language[] = ['es', 'en'];

// Text a person typed, with every character HTML must escape; each value is told apart by its name.
const typed = (name: string) => `${name} <b>&"'</b> fin`;
const escaped = (name: string) => `${name} &lt;b&gt;&amp;&quot;&#x27;&lt;/b&gt; fin`;
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');

interface Case {
  /** The values the template is given: typed ones are listed in `shows`. */
  data: Record<string, unknown>;
  /** Typed values both bodies must carry. */
  shows: string[];
  /** Typed values the subject must carry. */
  subject: string[];
  /** Whether the outbox gives it an unsubscribe link (every email but the essential ones). */
  unsubscribe: boolean;
  /** The template, when one template tells several events (the case is named template:event). */
  template?: string;
}

// One template tells the other side of a pledge about each of its changes.
const pledgeChanges = Object.fromEntries(
  (['fulfill', 'confirm', 'dispute', 'withdraw', 'amend', 'overdue'] as const).map((event) => [
    `pledge-change:${event}`,
    {
      template: 'pledge-change',
      data: {
        event,
        office: typed('office'),
        challenge: typed('challenge'),
        kind: 'prize',
        amountCentavos: 5_000_029,
        dueOn: '2027-03-09',
        note: typed('note'),
      },
      shows: ['office', 'challenge', 'note'],
      subject: ['office'].filter(() => !['confirm', 'dispute'].includes(event)),
      unsubscribe: true,
    } satisfies Case,
  ]),
);

const link = 'https://retos.example.org/retos/el-reto?vista=1&orden=2';
const cases: Record<string, Case> = {
  'adoption-recorded': {
    data: { adopter: typed('adopter'), proposal: typed('proposal'), challenge: typed('challenge') },
    shows: ['adopter', 'proposal', 'challenge'],
    subject: ['adopter', 'proposal'],
    unsubscribe: true,
  },
  'challenge-deadline-closed': {
    data: { challenge: typed('challenge'), deadline: '2027-03-09' },
    shows: ['challenge'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'challenge-progress': {
    data: {
      proposal: typed('proposal'),
      challenge: typed('challenge'),
      milestone: typed('milestone'),
      excerpt: typed('excerpt'),
    },
    shows: ['proposal', 'challenge', 'milestone', 'excerpt'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'challenge-question': {
    data: { author: typed('author'), challenge: typed('challenge'), excerpt: typed('excerpt') },
    shows: ['author', 'challenge', 'excerpt'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'claim-expired': {
    data: { challenge: typed('challenge'), days: 30 },
    shows: ['challenge'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'claim-expiring': {
    data: { challenge: typed('challenge'), days: 3, expiresAt: '2027-03-09T12:00:00.000Z' },
    shows: ['challenge'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'claim-released': {
    data: {
      challenge: typed('challenge'),
      organization: typed('organization'),
      reason: typed('reason'),
    },
    shows: ['challenge', 'organization', 'reason'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'delivery-confirmed': {
    data: {
      organization: typed('organization'),
      proposal: typed('proposal'),
      challenge: typed('challenge'),
      solved: true,
    },
    shows: ['organization', 'proposal', 'challenge'],
    subject: ['proposal'],
    unsubscribe: true,
  },
  'new-pledge': {
    data: {
      office: typed('office'),
      challenge: typed('challenge'),
      kind: 'prize',
      amountCentavos: 5_000_029,
      description: typed('description'),
    },
    shows: ['office', 'challenge', 'description'],
    subject: ['office'],
    unsubscribe: true,
  },
  'organization-invitation': {
    data: {
      inviter: typed('inviter'),
      organization: typed('organization'),
      kind: 'community',
      days: 7,
      expiresAt: '2027-03-09T12:00:00.000Z',
    },
    shows: ['inviter', 'organization'],
    subject: ['organization'],
    unsubscribe: true,
  },
  'organization-verified': {
    data: { organization: typed('organization') },
    shows: ['organization'],
    subject: ['organization'],
    unsubscribe: true,
  },
  'proposal-decision': {
    data: {
      accepted: false,
      organization: typed('organization'),
      proposal: typed('proposal'),
      challenge: typed('challenge'),
      reason: typed('reason'),
    },
    shows: ['organization', 'proposal', 'challenge', 'reason'],
    subject: ['proposal'],
    unsubscribe: true,
  },
  'proposal-submitted': {
    data: { proposal: typed('proposal'), challenge: typed('challenge'), pitch: typed('pitch') },
    shows: ['proposal', 'challenge', 'pitch'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'question-answer': {
    data: {
      author: typed('author'),
      challenge: typed('challenge'),
      question: typed('question'),
      excerpt: typed('excerpt'),
    },
    shows: ['author', 'challenge', 'question', 'excerpt'],
    subject: ['challenge'],
    unsubscribe: true,
  },
  'sign-in-link': {
    data: { minutes: 15 },
    shows: [],
    subject: [],
    unsubscribe: false,
  },
  'team-invitation': {
    data: { inviter: typed('inviter'), proposal: typed('proposal'), challenge: typed('challenge') },
    shows: ['inviter', 'proposal', 'challenge'],
    subject: ['inviter', 'proposal'],
    unsubscribe: false,
  },
  ...pledgeChanges,
};

const unsubscribeUrl = 'https://retos.example.org/avisos/baja/abc.def';
const preferencesUrl = 'https://retos.example.org/cuenta/avisos';
// A translation key left in the output means a string is missing from a catalogue.
const untranslatedKey =
  /\b(?:accounts|challenge|claims|emails|notifications|organizations|proposals|questions|review|sponsorships|tracking)\.[a-zA-Z]+\.[a-zA-Z.]+/;

function render(name: string, lang: Language, withUnsubscribe: boolean) {
  const { data, template } = cases[name]!;
  return renderEmail(template ?? name, {
    ...data,
    link,
    t: translator.t(lang),
    lang,
    preferencesUrl,
    ...(withUnsubscribe ? { unsubscribeUrl } : {}),
  });
}

describe('email templates', () => {
  for (const name of Object.keys(cases)) {
    const { shows, subject, unsubscribe } = cases[name]!;

    it(`${name}: renders its subject and values in both languages`, () => {
      const subjects = languages.map((lang) => {
        const email = render(name, lang, unsubscribe);
        assert.ok(email.subject.length > 0);
        for (const part of [email.subject, email.text, email.html]) {
          assert.doesNotMatch(part, untranslatedKey, `${lang}: untranslated key`);
          assert.doesNotMatch(part, /undefined|\[object Object\]|NaN|\{\{/, lang);
        }
        for (const value of subject) assert.ok(email.subject.includes(typed(value)), value);
        for (const value of shows)
          assert.ok(email.text.includes(typed(value)), `${lang} text: ${value}`);
        assert.ok(email.text.includes(link), `${lang}: the text carries the link`);
        assert.match(email.html, new RegExp(`<html lang="${lang}">`));
        assert.ok(
          email.html.includes(`href="${html(link).replace(/=/g, '&#x3D;')}"`) ||
            email.html.includes(`href="${html(link)}"`),
          `${lang}: the HTML links`,
        );
        return email.subject;
      });
      assert.notEqual(subjects[0], subjects[1], 'the subject is translated');
    });

    it(`${name}: escapes typed text in HTML and keeps it readable in text`, () => {
      for (const lang of languages) {
        const email = render(name, lang, unsubscribe);
        assert.doesNotMatch(email.html, /<b>/, `${lang}: no markup from typed text`);
        for (const value of shows) {
          assert.ok(email.html.includes(escaped(value)), `${lang} html: ${value}`);
        }
        assert.doesNotMatch(email.text, /&lt;|&amp;|&quot;|&#x27;/, `${lang}: text is not escaped`);
      }
    });

    if (unsubscribe) {
      it(`${name}: ends with the unsubscribe and preferences links`, () => {
        for (const lang of languages) {
          const email = render(name, lang, true);
          assert.ok(email.text.includes(unsubscribeUrl), `${lang} text`);
          assert.ok(email.text.includes(preferencesUrl), `${lang} text`);
          assert.ok(email.html.includes(`href="${unsubscribeUrl}"`), `${lang} html`);
          assert.ok(email.html.includes(`href="${preferencesUrl}"`), `${lang} html`);
        }
      });
    }
  }

  it('the daily digest lists each item under its kind and links to stop them all', () => {
    for (const lang of languages) {
      const email = renderEmail('daily-digest', {
        t: translator.t(lang),
        lang,
        count: 2,
        link,
        groups: [
          {
            kind: 'claim',
            items: [
              { subject: typed('first'), link: `${link}#1`, at: '2027-03-09T12:00:00.000Z' },
              { subject: typed('second'), link: `${link}#2`, at: '2027-03-09T13:00:00.000Z' },
            ],
          },
        ],
        unsubscribeUrl,
        unsubscribeAll: true,
        preferencesUrl,
      });
      assert.ok(email.subject.length > 0);
      assert.doesNotMatch(email.subject + email.text + email.html, untranslatedKey);
      for (const value of ['first', 'second']) {
        assert.ok(email.text.includes(typed(value)), value);
        assert.ok(email.html.includes(escaped(value)), value);
      }
      assert.doesNotMatch(email.html, /<b>/);
      assert.ok(email.text.includes(unsubscribeUrl));
      assert.ok(email.html.includes(`href="${unsubscribeUrl}"`));
      assert.ok(
        email.text.includes(
          translator.t(lang)('emails.unsubscribe.allText', { url: unsubscribeUrl }),
        ),
        'the digest stops every notification',
      );
    }
  });

  it('sign-in link: carries no unsubscribe link when none is given', () => {
    for (const lang of languages) {
      const email = render('sign-in-link', lang, false);
      assert.doesNotMatch(email.text + email.html, /avisos\/baja/);
    }
  });

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

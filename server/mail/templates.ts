import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Translate } from '../i18n/index.ts';
import { helpers, viewsDir } from '../views/index.ts';

const emailsDir = path.join(viewsDir, 'emails');
const SECTION = /^\{\{!-- (subject|text|html) --\}\}$/m;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface CompiledEmail {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
}

const handlebars = Handlebars.create();
handlebars.registerHelper(helpers);
const layout = handlebars.compile(fs.readFileSync(path.join(emailsDir, 'layout.hbs'), 'utf8'));
const cache = new Map<string, CompiledEmail>();

/**
 * An email template is one file with three sections, each after a marker comment:
 * `{{!-- subject --}}`, `{{!-- text --}}` and `{{!-- html --}}`.
 */
function compile(name: string): CompiledEmail {
  const cached = cache.get(name);
  if (cached) return cached;
  const source = fs.readFileSync(path.join(emailsDir, `${name}.hbs`), 'utf8');
  const parts = source.split(SECTION);
  const sections = new Map<string, string>();
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i]!, parts[i + 1]!.trim());
  for (const section of ['subject', 'text', 'html']) {
    if (!sections.has(section)) throw new Error(`email template ${name} has no ${section} section`);
  }
  const compiled = {
    subject: handlebars.compile(sections.get('subject')!, { noEscape: true }),
    text: handlebars.compile(sections.get('text')!, { noEscape: true }),
    html: handlebars.compile(sections.get('html')!),
  };
  cache.set(name, compiled);
  return compiled;
}

/** Just the subject line, e.g. for an email listed in a daily digest. */
export function renderSubject(
  name: string,
  context: Record<string, unknown> & { t: Translate; lang: string },
): string {
  return compile(name).subject(context).replace(/\s+/g, ' ').trim();
}

/**
 * The three parts; with an `unsubscribeUrl` in the context, both bodies end with it and the link
 * to the notification preferences.
 */
export function renderEmail(
  name: string,
  context: Record<string, unknown> & { t: Translate; lang: string },
): RenderedEmail {
  const template = compile(name);
  const subject = template.subject(context).replace(/\s+/g, ' ').trim();
  const body = template.html(context);
  const { t } = context;
  let footer = '';
  if (typeof context.unsubscribeUrl === 'string') {
    const stop = context.unsubscribeAll ? 'emails.unsubscribe.allText' : 'emails.unsubscribe.text';
    footer = [
      '\n\n--',
      t(stop, { url: context.unsubscribeUrl }),
      t('emails.preferences.text', { url: context.preferencesUrl }),
    ].join('\n');
  }
  return {
    subject,
    text: `${template.text(context)}${footer}\n`,
    html: layout({ ...context, subject, body }),
  };
}

import type { OutboxMessage } from '../../models/schema/index.ts';
import type { Config } from '../config.ts';
import { isLanguage, type Translator } from '../i18n/index.ts';
import { isEssentialKind, notificationKinds } from './email-kinds.ts';
import { unsubscribeUrl, type UnsubscribeScope } from './unsubscribe-token.ts';
import type { OutgoingEmail } from './mailer.ts';
import { renderEmail, renderSubject } from './templates.ts';

export const DIGEST_KIND = 'digest';
export const DIGEST_TEMPLATE = 'daily-digest';

export interface DigestItem {
  kind: string;
  template: string;
  data: Record<string, unknown>;
  createdAt: string;
}

/** Emails store paths; the link is made absolute when the email is rendered. */
function withLink(data: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  if (typeof data.link === 'string' || typeof data.path !== 'string') return data;
  return { ...data, link: `${baseUrl}${data.path}` };
}

export interface RenderDeps {
  config: Pick<Config, 'baseUrl' | 'sessionSecret'>;
  translator: Translator;
}

/** The digest's items, grouped under their kind in the order /cuenta lists kinds. */
function digestGroups(items: DigestItem[], render: (item: DigestItem) => string) {
  const order = (kind: string) => {
    const index = (notificationKinds as readonly string[]).indexOf(kind);
    return index === -1 ? notificationKinds.length : index;
  };
  const kinds = [...new Set(items.map((item) => item.kind))].sort((a, b) => order(a) - order(b));
  return kinds.map((kind) => ({
    kind,
    items: items
      .filter((item) => item.kind === kind)
      .map((item) => ({ subject: render(item), link: item.data.link, at: item.createdAt })),
  }));
}

/**
 * Renders an outbox row in its recipient's language. Every email that is not essential carries
 * a signed unsubscribe link (for the digest: from every notification) and the one-click headers.
 */
export function renderOutboxMessage(deps: RenderDeps, row: OutboxMessage): OutgoingEmail {
  const lang = isLanguage(row.language) ? row.language : 'es';
  const t = deps.translator.t(lang);
  const context: Record<string, unknown> & { t: typeof t; lang: string } = {
    ...withLink(row.data, deps.config.baseUrl),
    t,
    lang,
    preferencesUrl: `${deps.config.baseUrl}/cuenta/avisos`,
  };
  if (row.template === DIGEST_TEMPLATE) {
    const items = ((row.data.items ?? []) as DigestItem[]).map((item) => ({
      ...item,
      data: withLink(item.data, deps.config.baseUrl),
    }));
    context.count = items.length;
    context.groups = digestGroups(items, (item) =>
      renderSubject(item.template, { ...item.data, t, lang }),
    );
  }
  let headers: Record<string, string> | undefined;
  if (row.recipientId && !isEssentialKind(row.kind)) {
    const scope = (row.kind === DIGEST_KIND ? 'all' : row.kind) as UnsubscribeScope;
    const url = unsubscribeUrl(deps.config, row.recipientId, scope);
    context.unsubscribeUrl = url;
    context.unsubscribeAll = scope === 'all';
    headers = {
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }
  const host = new URL(deps.config.baseUrl).hostname;
  return {
    to: row.toAddress,
    ...renderEmail(row.template, context),
    headers,
    messageId: `<${row.id}@${host}>`,
  };
}

import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { isTooNestedForMarkdown } from './markdown-limits.ts';

const marked = new Marked({ gfm: true, breaks: true, async: false });

const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Headings people type start below the page's own h1 and h2.
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }),
  },
  disallowedTagsMode: 'discard',
};
allowed.allowedAttributes = { ...allowed.allowedAttributes, a: ['href', 'title', 'rel'] };

/** Markdown written by people, as HTML that cannot run script or load anything. */
export function renderMarkdown(source: string): string {
  if (!source.trim()) return '';
  if (isTooNestedForMarkdown(source)) return plainParagraphs(source);
  return sanitizeHtml(marked.parse(source) as string, allowed);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text shown as typed: escaped, blank lines between paragraphs, single breaks kept. */
export function plainParagraphs(source: string): string {
  const escaped = source.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
  return escaped
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

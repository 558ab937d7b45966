import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { isTooNestedForMarkdown } from '../lib/index.ts';

export const EXCERPT_MAX = 300;

const marked = new Marked({ gfm: true, breaks: true, async: false });

// sanitize-html re-escapes these four in text it keeps; emails want the characters back.
const ENTITIES: [RegExp, string][] = [
  [/&lt;/g, '<'],
  [/&gt;/g, '>'],
  [/&quot;/g, '"'],
  [/&amp;/g, '&'],
];

/** Markdown as one line of plain text, cut at a word near `max` characters, for emails. */
export function plainExcerpt(markdown: string, max = EXCERPT_MAX): string {
  // Input too deep for the parser is taken as the plain text it is.
  const html = isTooNestedForMarkdown(markdown) ? null : (marked.parse(markdown) as string);
  let text =
    html === null ? markdown : sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
  if (html !== null)
    for (const [entity, character] of ENTITIES) text = text.replace(entity, character);
  text = text.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

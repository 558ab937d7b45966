import Handlebars from 'handlebars';
import { renderMarkdown } from '../../lib/index.ts';

/** `{{markdown text}}`: people's Markdown, rendered and sanitized. */
export default function markdown(source: unknown): Handlebars.SafeString {
  return new Handlebars.SafeString(renderMarkdown(typeof source === 'string' ? source : ''));
}

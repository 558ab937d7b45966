import Handlebars, { type HelperOptions } from 'handlebars';

/** `{{csrfField}}`: the hidden token every state-changing form carries. */
export default function csrfField(options: HelperOptions): Handlebars.SafeString {
  const token = options.data?.root?.csrfToken;
  const value = typeof token === 'function' ? String(token()) : '';
  return new Handlebars.SafeString(
    `<input type="hidden" name="_csrf" value="${Handlebars.escapeExpression(value)}">`,
  );
}

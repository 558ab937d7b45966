import type { HelperOptions } from 'handlebars';

/** `{{t "key" name=value}}`: a string in the visitor's language. */
export default function t(key: string, options: HelperOptions): string {
  const translate = options.data?.root?.t;
  if (typeof translate !== 'function') return key;
  return translate(key, options.hash);
}

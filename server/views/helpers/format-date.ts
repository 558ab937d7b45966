import type { HelperOptions } from 'handlebars';

const formats = new Map<string, Intl.DateTimeFormat>();

/** `{{formatDate date}}`: a date as people in the visitor's language write it. */
export default function formatDate(value: unknown, options: HelperOptions): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const locale = options.data?.root?.lang === 'en' ? 'en-US' : 'es-MX';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeZone: 'America/Mexico_City',
    });
    formats.set(locale, format);
  }
  return format.format(date);
}

import type { HelperOptions } from 'handlebars';

const formats = new Map<string, Intl.DateTimeFormat>();

/** `{{formatDateTime date}}`: a moment, in Mexico City time. */
export default function formatDateTime(value: unknown, options: HelperOptions): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const locale = options.data?.root?.lang === 'en' ? 'en-US' : 'es-MX';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'America/Mexico_City',
    });
    formats.set(locale, format);
  }
  return format.format(date);
}

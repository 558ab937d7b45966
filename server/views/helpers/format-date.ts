import type { HelperOptions } from 'handlebars';

const formats = new Map<string, Intl.DateTimeFormat>();
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function formatFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    formats.set(key, format);
  }
  return format;
}

/** `{{formatDate date}}`: a date as people in the visitor's language write it. */
export default function formatDate(value: unknown, options: HelperOptions): string {
  if (value === null || value === undefined || value === '') return '';
  const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) return '';
  const locale = options.data?.root?.lang === 'en' ? 'en-US' : 'es-MX';
  // A calendar date (a deadline) has no time: read it in UTC so it never shifts a day.
  return formatFor(locale, dateOnly ? 'UTC' : 'America/Mexico_City').format(date);
}

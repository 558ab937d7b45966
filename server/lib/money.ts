// Money is integer centavos from the form to the database: text is parsed digit by digit, never
// through a floating-point number.

const MAX_CENTAVOS = 100_000_000_000_00; // a hundred thousand million pesos

/**
 * Pesos as people type them in Mexico: "50,000", "50000.5", "$ 1 250.05". The dot is the
 * decimal separator; commas and spaces group thousands. Anything else is undefined.
 */
export function parsePesos(input: string): number | undefined {
  const cleaned = input
    .trim()
    .replace(/^\$\s*/, '')
    .replace(/[\s,]/g, '');
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const centavos = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(centavos) && centavos <= MAX_CENTAVOS ? centavos : undefined;
}

const formats = new Map<string, Intl.NumberFormat>();

/** 5000050 → "$50,000.50" (es-MX) or "MX$50,000.50" (en). */
export function formatCentavos(centavos: number, language: string): string {
  const locale = language === 'en' ? 'en-US' : 'es-MX';
  let format = formats.get(locale);
  if (!format) {
    // Whole pesos only: the centavos are appended as digits, never formatted as a fraction.
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'MXN',
      maximumFractionDigits: 0,
    });
    formats.set(locale, format);
  }
  const sign = centavos < 0 ? '-' : '';
  const absolute = Math.abs(centavos);
  return `${sign}${format.format(Math.floor(absolute / 100))}.${String(absolute % 100).padStart(2, '0')}`;
}

/** For CSV and JSON: "50000.50". */
export function centavosAsDecimal(centavos: number): string {
  const sign = centavos < 0 ? '-' : '';
  const absolute = Math.abs(centavos);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

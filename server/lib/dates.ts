// Strict date parsing: JavaScript's Date rolls 2026-02-30 over to March and accepts year 0 or
// +275760, which PostgreSQL refuses; only real dates within these bounds reach the database.

export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A real `YYYY-MM-DD` day between 2000 and 2100. */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  if (value < EARLIEST_DATE || value > LATEST_DATE) return false;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** An instant exactly as Date#toISOString writes it, on a calendar date within the bounds. */
export function isIsoInstant(value: string): boolean {
  if (!ISO_INSTANT.test(value) || !isCalendarDate(value.slice(0, 10))) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

// Deadlines and promised days are calendar dates in Mexico City, where Retos's users mostly are.
// Building an Intl format is slow (about half a millisecond): build it once.
const mexicoDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' });

/** A calendar date (YYYY-MM-DD) as it is in Mexico at that instant. */
export function dayInMexico(now: Date): string {
  return mexicoDay.format(now);
}

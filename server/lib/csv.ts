import { stringify } from 'csv-stringify/sync';

// Every download is opened in a spreadsheet by someone: Excel on Windows reads UTF-8 only after a
// byte-order mark, and runs a cell that starts with = + - @ (or a tab or carriage return before
// them) as a formula. Text typed by other people must never become a live formula there.
const BYTE_ORDER_MARK = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

/** A text cell a spreadsheet would run, led by an apostrophe so it shows as typed. */
export function neutraliseCell(value: CsvCell): CsvCell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV file with a header row (written even with no rows), a BOM, and neutralised text. */
export function writeCsv<Column extends string>(
  columns: readonly Column[],
  rows: readonly Record<Column, CsvCell>[],
): string {
  const safe = rows.map((row) =>
    Object.fromEntries(columns.map((column) => [column, neutraliseCell(row[column])])),
  );
  return BYTE_ORDER_MARK + stringify(safe, { header: true, columns: [...columns] });
}

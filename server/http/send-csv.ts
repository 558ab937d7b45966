import type { Response } from 'express';

/** Sends a CSV file (see lib/csv.ts) as a download. */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.attachment(filename);
  res.type('text/csv; charset=utf-8');
  res.send(csv);
}

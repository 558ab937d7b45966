import { z } from 'zod';
import { isCalendarDate, isIsoInstant } from '../lib/index.ts';

// The keyset cursor of /retos: the sort keys and id of the last challenge shown, as base64url
// JSON. It is opaque to people but not secret; anything that does not decode to a position of
// the current sort is rejected, so a tampered cursor never reaches the database.

export const browseSorts = ['relevance', 'newest', 'deadline', 'proposals', 'prize'] as const;
export type BrowseSort = (typeof browseSorts)[number];

/** Where a page ends, in the sort's own terms; every sort ends with the challenge id. */
export type CursorPosition =
  | { sort: 'newest'; publishedAt: string; id: string }
  | { sort: 'relevance'; rank: number; publishedAt: string; id: string }
  | { sort: 'proposals'; proposals: number; publishedAt: string; id: string }
  // Total prize pledged or paid, in centavos.
  | { sort: 'prize'; prize: number; publishedAt: string; id: string }
  // "today" is the day the first page was asked for, so a walk across midnight stays consistent.
  | { sort: 'deadline'; today: string; bucket: 0 | 1 | 2; days: number; id: string };

const MAX_CURSOR_LENGTH = 400;
const MAX_INT = 2_147_483_647;

const id = z.guid();
// Only the exact form Date#toISOString writes, on a real day within the bounds PostgreSQL and
// Retos accept: year 0000 or +275760 never reaches the database.
const timestamp = z.string().refine(isIsoInstant);
const day = z.string().refine(isCalendarDate);
const count = z.number().int().min(0).max(MAX_INT);

const encoded = z.discriminatedUnion('o', [
  z.strictObject({ o: z.literal('newest'), k: z.tuple([timestamp]), i: id }),
  z.strictObject({
    o: z.literal('relevance'),
    k: z.tuple([z.number().finite().min(0), timestamp]),
    i: id,
  }),
  z.strictObject({ o: z.literal('proposals'), k: z.tuple([count, timestamp]), i: id }),
  z.strictObject({
    o: z.literal('prize'),
    k: z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), timestamp]),
    i: id,
  }),
  z.strictObject({
    o: z.literal('deadline'),
    k: z.tuple([day, z.union([z.literal(0), z.literal(1), z.literal(2)]), count]),
    i: id,
  }),
]);

export function encodeCursor(position: CursorPosition): string {
  let payload: z.input<typeof encoded>;
  switch (position.sort) {
    case 'newest':
      payload = { o: 'newest', k: [position.publishedAt], i: position.id };
      break;
    case 'relevance':
      payload = { o: 'relevance', k: [position.rank, position.publishedAt], i: position.id };
      break;
    case 'proposals':
      payload = { o: 'proposals', k: [position.proposals, position.publishedAt], i: position.id };
      break;
    case 'prize':
      payload = { o: 'prize', k: [position.prize, position.publishedAt], i: position.id };
      break;
    case 'deadline':
      payload = {
        o: 'deadline',
        k: [position.today, position.bucket, position.days],
        i: position.id,
      };
      break;
  }
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when it is malformed or belongs to another sort. */
export function decodeCursor(raw: string, sort: BrowseSort): CursorPosition | undefined {
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = encoded.safeParse(json);
  if (!parsed.success || parsed.data.o !== sort) return undefined;
  const { data } = parsed;
  switch (data.o) {
    case 'newest':
      return { sort: 'newest', publishedAt: data.k[0], id: data.i };
    case 'relevance':
      return { sort: 'relevance', rank: data.k[0], publishedAt: data.k[1], id: data.i };
    case 'proposals':
      return { sort: 'proposals', proposals: data.k[0], publishedAt: data.k[1], id: data.i };
    case 'prize':
      return { sort: 'prize', prize: data.k[0], publishedAt: data.k[1], id: data.i };
    case 'deadline':
      return { sort: 'deadline', today: data.k[0], bucket: data.k[1], days: data.k[2], id: data.i };
  }
}

// Prints the key lines of EXPLAIN (ANALYZE, BUFFERS) for the list queries of the home page and
// /retos (every order, and search) against the configured database, as the app builds them.
// Usage: DATABASE_URL=… node --import tsx bench/explain-listings.ts   (after bench/seed-challenges.ts)
import { eq, sql, type SQLWrapper } from 'drizzle-orm';
import { challenges } from '../models/schema/index.ts';
import { loadConfig } from '../server/config.ts';
import { challengeCardsQuery } from '../server/challenges/cards.ts';
import type { BrowseRequest } from '../server/challenges/browse-service.ts';
import { browseConditions, browsePageQuery } from '../server/challenges/browse-service.ts';
import { databaseOptionsFromConfig, openDatabase } from '../server/db/database.ts';
import { queryRows } from '../server/db/index.ts';
import { dayInMexico } from '../server/lib/index.ts';

const database = await openDatabase(databaseOptionsFromConfig(loadConfig()));
const db = database.db;
const today = dayInMexico(new Date());

const browse = (request: BrowseRequest) =>
  browsePageQuery(db, request, browseConditions(request.filters, undefined), today).query;

const cases: [string, SQLWrapper][] = [
  ['home: newest open', challengeCardsQuery(db, eq(challenges.status, 'open'), { limit: 6 })],
  ['/retos (newest)', browse({ filters: {}, sort: 'newest' })],
  ['/retos?orden=propuestas', browse({ filters: {}, sort: 'proposals' })],
  ['/retos?orden=premio', browse({ filters: {}, sort: 'prize' })],
  ['/retos?orden=cierre', browse({ filters: {}, sort: 'deadline' })],
  ['/retos?q=datos', browse({ filters: { q: 'datos' }, sort: 'relevance' })],
  ['/retos?q=agua potable', browse({ filters: { q: 'agua potable' }, sort: 'relevance' })],
  ['/retos?q=zapotecas', browse({ filters: { q: 'zapotecas' }, sort: 'relevance' })],
];

const KEY =
  /Execution Time|Planning Time|^\S.*\(actual|Sort Method|Index Scan|Index Only Scan|Bitmap|Seq Scan|Limit|Buffers: shared/;
try {
  for (const [name, query] of cases) {
    // Twice: the first run warms the cache, the second is the one reported.
    await queryRows(db, sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
    const rows = await queryRows<Record<string, string>>(
      db,
      sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`,
    );
    const lines = rows.map((row) => Object.values(row)[0]!);
    process.stdout.write(`\n## ${name}\n`);
    for (const line of lines) if (KEY.test(line.trim())) process.stdout.write(`${line}\n`);
  }
} finally {
  await database.close();
}

import { getTableName, sql } from 'drizzle-orm';
import * as schema from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import { queryRows } from '../../server/db/query-rows.ts';

// Every table a feature writes (not sessions or rate-limit counters, which any request touches).
const tables = [
  schema.auditEvents,
  schema.challenges,
  schema.memberships,
  schema.organizationInvitations,
  schema.organizations,
  schema.outbox,
  schema.notificationPreferences,
  schema.claims,
  schema.proposalMembers,
  schema.proposalScores,
  schema.progressUpdates,
  schema.adoptions,
  schema.endorsements,
  schema.proposals,
  schema.challengeQuestions,
  schema.questionAnswers,
  schema.sponsorships,
  schema.users,
  schema.watches,
];

// One statement: each table's rows as text, sorted, hashed; the fuzz test takes thousands.
const snapshotQuery = sql.raw(
  `SELECT ${tables
    .map((table) => {
      const name = getTableName(table);
      return `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${name}" t) AS "${name}"`;
    })
    .join(', ')}`,
);

/** Everything the features have written, as one comparable string: equal means nothing changed. */
export async function databaseSnapshot(db: Db): Promise<string> {
  const [row] = await queryRows<Record<string, string>>(db, snapshotQuery);
  return JSON.stringify(row);
}

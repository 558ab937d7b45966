import * as schema from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';

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

/** Everything the features have written, as one comparable string: equal means nothing changed. */
export async function databaseSnapshot(db: Db): Promise<string> {
  const contents = await Promise.all(tables.map((table) => db.select().from(table)));
  const sorted = contents.map((rows) =>
    rows.map((row) => JSON.stringify(row)).sort((a, b) => a.localeCompare(b)),
  );
  return JSON.stringify(sorted);
}

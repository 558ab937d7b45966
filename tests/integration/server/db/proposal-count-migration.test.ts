import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../../../server/db/index.ts';
import { makeOrganization } from '../../../support/factories.ts';
import { emptyDatabase, migrationsBefore } from '../../../support/migration-db.ts';

// The migration that starts keeping challenges.proposal_count fills it for the proposals
// written before it.
const COUNTER_MIGRATION = '0018_count_proposals_of_challenges';

describe('counting the proposals written before the counter existed', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let folder: string;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ database, drop } = await emptyDatabase());
    folder = migrationsBefore(COUNTER_MIGRATION);
    await database.migrate(folder);
    const db = database.db;
    const organization = await makeOrganization(db);
    const statuses: Record<string, string[]> = {
      busy: ['submitted', 'accepted', 'declined', 'delivered', 'draft', 'withdrawn'],
      drafts: ['draft', 'withdrawn'],
      none: [],
    };
    for (const [slug, list] of Object.entries(statuses)) {
      const [row] = await queryRows<{ id: string }>(
        db,
        sql`INSERT INTO challenges (slug, organization_id, title, pitch)
            VALUES (${slug}, ${organization.id}, ${slug}, 'Un problema.') RETURNING id`,
      );
      ids[slug] = row!.id;
      for (const status of list) {
        await db.execute(
          sql`INSERT INTO proposals (challenge_id, title, status, submitted_at, accepted_at, delivered_at)
              VALUES (${row!.id}, ${status}, ${status}::proposal_status,
                      ${status === 'draft' ? null : sql`now()`},
                      ${['accepted', 'delivered'].includes(status) ? sql`now()` : null},
                      ${status === 'delivered' ? sql`now()` : null})`,
        );
      }
    }
    await database.migrate();
  });
  after(async () => {
    await drop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('backfills each challenge with its proposals that count', async () => {
    const rows = await queryRows<{ slug: string; proposal_count: number }>(
      database.db,
      sql`SELECT slug, proposal_count FROM challenges ORDER BY slug`,
    );
    assert.deepEqual(
      rows.map((row) => [row.slug, Number(row.proposal_count)]),
      [
        ['busy', 4],
        ['drafts', 0],
        ['none', 0],
      ],
    );
  });

  it('keeps counting after the migration', async () => {
    await database.db.execute(
      sql`UPDATE proposals SET status = 'withdrawn' WHERE challenge_id = ${ids.busy} AND status = 'submitted'`,
    );
    const [row] = await queryRows<{ proposal_count: number }>(
      database.db,
      sql`SELECT proposal_count FROM challenges WHERE id = ${ids.busy}`,
    );
    assert.equal(Number(row!.proposal_count), 3);
  });
});

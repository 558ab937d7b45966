import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../../../server/db/index.ts';
import { activeCriteria } from '../../../../server/challenges/criteria.ts';
import { makeOrganization } from '../../../support/factories.ts';
import { makeVolunteer } from '../../../support/proposal-factories.ts';
import { emptyDatabase, migrationsBefore } from '../../../support/migration-db.ts';

// The migration that copies the JSON criteria into rows runs on data written before it.
const DATA_MIGRATION = '0010_criteria_rows_from_json';

describe('moving challenge criteria from JSON into rows', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let folder: string;
  const ids: Record<string, string> = {};

  before(async () => {
    ({ database, drop } = await emptyDatabase());
    folder = migrationsBefore(DATA_MIGRATION);
    await database.migrate(folder);
    const db = database.db;
    const organization = await makeOrganization(db);
    const reviewers = [await makeVolunteer(db), await makeVolunteer(db)];
    // The schema before the move, written in SQL: the current one has no such columns.
    const challenge = async (slug: string, criteria: unknown) => {
      const [row] = await queryRows<{ id: string }>(
        db,
        sql`INSERT INTO challenges (slug, organization_id, title, pitch, criteria)
            VALUES (${slug}, ${organization.id}, ${slug}, 'Un problema.', ${JSON.stringify(criteria)}::jsonb)
            RETURNING id`,
      );
      ids[slug] = row!.id;
      const [proposal] = await queryRows<{ id: string }>(
        db,
        sql`INSERT INTO proposals (challenge_id, title, status, submitted_at)
            VALUES (${row!.id}, ${`Propuesta ${slug}`}, 'submitted', now()) RETURNING id`,
      );
      ids[`${slug}:proposal`] = proposal!.id;
      return proposal!.id;
    };
    const score = (proposalId: string, reviewer: number, criterion: string, value: number) =>
      db.execute(
        sql`INSERT INTO proposal_scores (proposal_id, reviewer_id, criterion, score)
            VALUES (${proposalId}, ${reviewers[reviewer]!.id}, ${criterion}, ${value})`,
      );

    const plain = await challenge('plain', [
      { name: 'Impacto', weight: 60 },
      { name: 'Facilidad de uso', weight: 40 },
    ]);
    await score(plain, 0, 'Impacto', 5);
    await score(plain, 0, 'Facilidad de uso', 4);
    await score(plain, 1, 'Impacto', 3);
    // Given before the criterion was renamed to "Facilidad de uso": its name is listed no more.
    await score(plain, 1, 'Usabilidad', 2);

    // A name listed twice (the old form allowed it) was scored once, with the weights added.
    const repeated = await challenge('repeated', [
      { name: 'Impacto', weight: 30 },
      { name: 'Costo', weight: 40 },
      { name: 'Impacto ', weight: 30 },
      { name: '  ', weight: 0 },
    ]);
    await score(repeated, 0, 'Impacto', 4);
    await score(repeated, 0, 'Costo', 1);

    // Names differing only in case were scored apart.
    const cased = await challenge('cased', [
      { name: 'Costo', weight: 50 },
      { name: 'Calidad', weight: 30 },
      { name: 'costo', weight: 20 },
    ]);
    await score(cased, 0, 'Costo', 5);
    await score(cased, 0, 'costo', 2);

    await challenge('none', []);

    // Rows only the demo and bench generators wrote, outside the constraints added later.
    await challenge('legacy', []);
    await db.execute(
      sql`UPDATE challenges SET published_at = '2026-03-10T03:00:00Z', deadline = '2026-03-01',
            phases = '[{"name":"Uno","startsOn":"2026-01-01","endsOn":"2026-02-01"},
                       {"name":"Dos","startsOn":"2026-02-02","endsOn":"2026-01-15"}]'::jsonb
          WHERE id = ${ids.legacy}`,
    );
    await db.execute(
      sql`INSERT INTO sponsorships (challenge_id, organization_id, kind, amount_centavos, description)
          VALUES (${ids.legacy}, ${organization.id}, 'mentorship', 500000, 'Horas')`,
    );
    await database.migrate();
  });
  after(async () => {
    await drop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const criteriaRows = (slug: string) =>
    queryRows<{ name: string; weight: number | null; position: number; retired: boolean }>(
      database.db,
      sql`SELECT name, weight, position, retired FROM challenge_criteria
          WHERE challenge_id = ${ids[slug]} ORDER BY position`,
    );
  const scoreLinks = (slug: string) =>
    queryRows<{ criterion: string; score: number; retired: boolean }>(
      database.db,
      sql`SELECT c.name AS criterion, s.score, c.retired FROM proposal_scores s
          JOIN challenge_criteria c ON c.id = s.criterion_id
          WHERE s.proposal_id = ${ids[`${slug}:proposal`]} ORDER BY c.position, s.score`,
    );

  it('copies each challenge’s criteria in order, as the rows the app reads', async () => {
    assert.deepEqual(await criteriaRows('plain'), [
      { name: 'Impacto', weight: 60, position: 0, retired: false },
      { name: 'Facilidad de uso', weight: 40, position: 1, retired: false },
      { name: 'Usabilidad', weight: null, position: 2, retired: true },
    ]);
    assert.deepEqual(
      (await activeCriteria(database.db, ids.plain!)).map(({ name, weight }) => ({ name, weight })),
      [
        { name: 'Impacto', weight: 60 },
        { name: 'Facilidad de uso', weight: 40 },
      ],
    );
    assert.deepEqual(await criteriaRows('none'), []);
  });

  it('points every score at its criterion, keeping a score on a name no longer listed', async () => {
    assert.deepEqual(await scoreLinks('plain'), [
      { criterion: 'Impacto', score: 3, retired: false },
      { criterion: 'Impacto', score: 5, retired: false },
      { criterion: 'Facilidad de uso', score: 4, retired: false },
      { criterion: 'Usabilidad', score: 2, retired: true },
    ]);
    const [{ total }] = (await queryRows<{ total: number }>(
      database.db,
      sql`SELECT count(*)::int AS total FROM proposal_scores`,
    )) as [{ total: number }];
    assert.equal(total, 8, 'no score is lost');
  });

  it('merges a name listed twice, skips empty ones and keeps a case variant apart, retired', async () => {
    assert.deepEqual(await criteriaRows('repeated'), [
      { name: 'Impacto', weight: 60, position: 0, retired: false },
      { name: 'Costo', weight: 40, position: 1, retired: false },
    ]);
    assert.deepEqual(await scoreLinks('repeated'), [
      { criterion: 'Impacto', score: 4, retired: false },
      { criterion: 'Costo', score: 1, retired: false },
    ]);
    assert.deepEqual(await criteriaRows('cased'), [
      { name: 'Costo', weight: 50, position: 0, retired: false },
      { name: 'Calidad', weight: 30, position: 1, retired: false },
      { name: 'costo', weight: 20, position: 2, retired: true },
    ]);
    assert.deepEqual(await scoreLinks('cased'), [
      { criterion: 'Costo', score: 5, retired: false },
      { criterion: 'costo', score: 2, retired: true },
    ]);
  });

  it('brings rows the forms never let through within the new constraints', async () => {
    const [legacy] = await queryRows<{ deadline: string; phases: unknown; amount: string | null }>(
      database.db,
      sql`SELECT c.deadline::text AS deadline, c.phases, s.amount_centavos::text AS amount
          FROM challenges c JOIN sponsorships s ON s.challenge_id = c.id WHERE c.id = ${ids.legacy}`,
    );
    // Published at 03:00 UTC on 10 March: 9 March in Mexico.
    assert.equal(legacy!.deadline, '2026-03-09');
    assert.deepEqual(legacy!.phases, [
      { name: 'Uno', startsOn: '2026-01-01', endsOn: '2026-02-01' },
      { name: 'Dos', startsOn: '2026-02-02', endsOn: '2026-02-02' },
    ]);
    assert.equal(legacy!.amount, null);
  });

  it('ends with the JSON column and the criterion name gone', async () => {
    const columns = await queryRows<{ name: string }>(
      database.db,
      sql`SELECT table_name || '.' || column_name AS name FROM information_schema.columns
          WHERE (table_name = 'challenges' AND column_name = 'criteria')
             OR (table_name = 'proposal_scores' AND column_name = 'criterion')`,
    );
    assert.deepEqual(columns, []);
  });
});

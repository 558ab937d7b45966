import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { challenges } from '../../../../models/schema/index.ts';
import { queryRows } from '../../../../server/db/query-rows.ts';
import { type Database } from '../../../../server/db/database.ts';
import { makeChallenge } from '../../../support/factories.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

describe('the database', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('is the driver the environment asks for', () => {
    assert.equal(database.driver, process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('migrates again without changing anything', async () => {
    const tables = async () =>
      (
        await queryRows<{ name: string }>(
          database.db,
          sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
        )
      ).map((row) => row.name);
    const first = await tables();
    await database.migrate();
    assert.deepEqual(await tables(), first);
    for (const table of [
      'challenges',
      'memberships',
      'organizations',
      'rate_limits',
      'sessions',
      'users',
    ]) {
      assert.ok(first.includes(table), `${table} exists`);
    }
  });

  it('has the extensions search needs', async () => {
    const rows = await queryRows<{ extname: string }>(
      database.db,
      sql`SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY 1`,
    );
    assert.deepEqual(
      rows.map((row) => row.extname),
      ['pg_trgm', 'unaccent'],
    );
  });

  it('finds Spanish words without their accents and by their stem', async () => {
    const challenge = await makeChallenge(database.db, {
      title: 'Contaminación del río por descargas',
      pitch: 'Registrar las descargas de aguas residuales.',
    });
    const search = async (words: string) =>
      (
        await database.db
          .select({ id: challenges.id })
          .from(challenges)
          .where(sql`${challenges.search} @@ websearch_to_tsquery('es_unaccent', ${words})`)
      ).map((row) => row.id);
    assert.deepEqual(await search('contaminacion'), [challenge.id]);
    assert.deepEqual(await search('RIO'), [challenge.id]);
    assert.deepEqual(await search('descarga residual'), [challenge.id]);
    assert.deepEqual(await search('bicicleta'), []);
  });

  it('uses the GIN index for text search once statistics exist', async () => {
    await database.analyze();
    // One transaction keeps the setting and the plan on the same connection.
    const rows = await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return queryRows<{ 'QUERY PLAN': string }>(
        tx,
        sql`EXPLAIN SELECT id FROM challenges WHERE search @@ websearch_to_tsquery('es_unaccent', 'agua')`,
      );
    });
    assert.match(rows.map((row) => row['QUERY PLAN']).join('\n'), /challenges_search_idx/);
  });

  it('answers ping while open, and refuses it once closed', async () => {
    assert.equal(await database.ping(), undefined);
    const [row] = await queryRows<{ one: number }>(database.db, sql`SELECT 1 AS one`);
    assert.equal(Number(row!.one), 1);
    const other = await createTestDatabase();
    await other.ping();
    await other.close();
    await assert.rejects(other.ping(), 'a closed database does not answer');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { organizations, challenges, users, memberships } from '../../../../models/schema/index.ts';
import type { Database } from '../../../../server/db/database.ts';
import { isDatabaseEmpty, seedDemoData } from '../../../../server/seed/seed-demo-data.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createTestDatabase } from '../../../support/test-db.ts';
import { criteriaOf } from '../../../support/review-factories.ts';

describe('demo data', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('seeds an empty database with organizations of every kind, people and challenges in every status', async () => {
    assert.equal(await isDatabaseEmpty(database.db), true);
    const seeded = await seedDemoData(database.db, {
      config: testConfig(),
      logger: pino({ level: 'silent' }),
    });
    assert.ok(seeded);
    assert.equal(await isDatabaseEmpty(database.db), false);

    const orgs = await database.db.select().from(organizations);
    assert.equal(orgs.length, seeded.organizations);
    assert.deepEqual([...new Set(orgs.map((org) => org.kind))].sort(), [
      'academic',
      'community',
      'government',
      'ngo',
    ]);
    assert.ok(new Set(orgs.map((org) => org.stateCode)).size >= 5, 'across several states');
    assert.ok(
      orgs.filter((org) => org.kind === 'government').every((org) => org.verifiedAt),
      'government offices are verified',
    );

    const rows = await database.db.select().from(challenges);
    assert.ok(rows.length >= 12);
    assert.deepEqual([...new Set(rows.map((row) => row.status))].sort(), [
      'closed',
      'draft',
      'in_progress',
      'open',
      'solved',
    ]);
    assert.ok(rows.every((row) => row.pitch.length <= 160));
    assert.ok(rows.filter((row) => row.status !== 'draft').every((row) => row.publishedAt));
    assert.ok(
      rows.some((row) => row.forkedFromId),
      'a replica shows how challenges spread',
    );
    assert.ok(
      (await Promise.all(rows.map((row) => criteriaOf(database.db, row.id)))).every(
        (criteria) => criteria.reduce((sum, criterion) => sum + criterion.weight, 0) === 100,
      ),
      'evaluation weights sum to 100',
    );

    const people = await database.db.select().from(users);
    assert.ok(people.filter((person) => person.githubLogin).length >= 3, 'volunteers');
    const members = await database.db.select().from(memberships);
    assert.ok(
      orgs.every((org) => members.some((m) => m.organizationId === org.id)),
      'every organization has a member',
    );
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql, type SQLWrapper } from 'drizzle-orm';
import { challenges } from '../../../../models/schema/index.ts';
import { challengeCardsQuery, ofOrganization } from '../../../../server/challenges/cards.ts';
import type { CursorPosition } from '../../../../server/challenges/browse-cursor.ts';
import {
  browseConditions,
  browsePageQuery,
  type BrowseRequest,
} from '../../../../server/challenges/browse-service.ts';
import { queryRows, type Database, type Db } from '../../../../server/db/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

type PlanNode = {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
};

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The plan the database would pick if scanning the table were not an option (a tiny table).
 * `sortLast` also makes sorting the last resort: on a few rows a sort is the cheapest plan,
 * and the question is whether an index can give the order at all.
 */
async function planOf(db: Db, query: SQLWrapper, sortLast = false): Promise<PlanNode[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    if (sortLast) await tx.execute(sql`SET LOCAL enable_sort = off`);
    const [row] = await queryRows<Record<string, unknown>>(
      tx as unknown as Db,
      sql`EXPLAIN (FORMAT JSON) ${query}`,
    );
    const raw = Object.values(row ?? {})[0];
    const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    return nodes(parsed[0]!.Plan);
  });
}

const indexesIn = (plan: PlanNode[]) => plan.map((node) => node['Index Name']).filter(Boolean);
const sorts = (plan: PlanNode[]) => plan.filter((node) => node['Node Type'].includes('Sort'));

describe('challenge listings read their order from an index', () => {
  let database: Database;
  let organizationId: string;
  before(async () => {
    database = await createTestDatabase();
    const organization = await makeOrganization(database.db);
    organizationId = organization.id;
    for (const status of ['open', 'open', 'solved', 'draft'] as const) {
      await makeChallenge(database.db, { organizationId, status });
    }
  });
  after(() => database.close());

  for (const status of ['open', 'solved'] as const) {
    it(`lists the newest ${status} challenges of the home page without sorting`, async () => {
      const query = challengeCardsQuery(database.db, eq(challenges.status, status), { limit: 6 });
      const plan = await planOf(database.db, query);
      assert.deepEqual(sorts(plan), [], 'no sort step');
      assert.ok(
        indexesIn(plan).includes('challenges_listed_by_status_idx'),
        String(indexesIn(plan)),
      );
    });
  }

  it("lists an organization's challenges, drafts included or not, without sorting", async () => {
    for (const includeDrafts of [true, false]) {
      const where = ofOrganization({ id: organizationId }, includeDrafts);
      const plan = await planOf(
        database.db,
        challengeCardsQuery(database.db, where, { limit: 20 }),
      );
      assert.deepEqual(sorts(plan), [], `no sort step (drafts: ${includeDrafts})`);
      assert.ok(indexesIn(plan).includes('challenges_listed_by_organization_idx'));
    }
  });

  it('counts the open challenges of the home page from the listing index', async () => {
    const query = sql`SELECT count(*) FROM ${challenges} WHERE ${challenges.archived} = false AND ${challenges.status} = 'open'`;
    const plan = await planOf(database.db, query);
    assert.ok(indexesIn(plan).includes('challenges_listed_by_status_idx'), String(indexesIn(plan)));
  });

  it('lists /retos by most proposals, on the first page and after a cursor, without sorting', async () => {
    const first: BrowseRequest = { filters: {}, sort: 'proposals' };
    const [row] = await database.db
      .select({ id: challenges.id, publishedAt: challenges.publishedAt })
      .from(challenges)
      .where(eq(challenges.status, 'open'))
      .limit(1);
    const after: CursorPosition = {
      sort: 'proposals',
      proposals: 0,
      publishedAt: row!.publishedAt!.toISOString(),
      id: row!.id,
    };
    for (const request of [first, { ...first, after }]) {
      const { query } = browsePageQuery(
        database.db,
        request,
        browseConditions(request.filters, undefined),
        '2026-12-01',
      );
      const plan = await planOf(database.db, query, true);
      assert.deepEqual(sorts(plan), [], `no sort step (cursor: ${Boolean(request.after)})`);
      assert.ok(
        indexesIn(plan).includes('challenges_listed_by_proposals_idx'),
        String(indexesIn(plan)),
      );
      // Whether a card is sponsored is looked up for the rows shown, not for every pledge.
      const pledges = plan.filter((node) => node['Relation Name'] === 'sponsorships');
      assert.ok(pledges.length > 0);
      for (const node of pledges) assert.match(node['Index Cond'] ?? '', /challenge_id/);
    }
  });
});

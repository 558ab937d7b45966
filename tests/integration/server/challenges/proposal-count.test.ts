import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq, notInArray } from 'drizzle-orm';
import { pino } from 'pino';
import {
  challenges,
  proposals,
  proposalStatuses,
  uncountedProposalStatuses,
  type Challenge,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import type { Database, Db } from '../../../../server/db/index.ts';
import { changeProposalStatus, createProposal } from '../../../../server/proposals/index.ts';
import { submitProposal, withdrawProposal } from '../../../../server/proposals/submission.ts';
import { seedDemoData } from '../../../../server/seed/seed-demo-data.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { makeProposals } from '../../../support/challenge-factories.ts';
import { makeVolunteer } from '../../../support/proposal-factories.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

// challenges.proposal_count is what /retos?orden=propuestas sorts on: it must equal, after every
// kind of write, the proposals a live count would find (neither drafts nor withdrawn).

async function counter(db: Db, challengeId: string): Promise<number> {
  const [row] = await db
    .select({ n: challenges.proposalCount })
    .from(challenges)
    .where(eq(challenges.id, challengeId));
  return row!.n;
}

async function liveCount(db: Db, challengeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(proposals)
    .where(
      and(
        eq(proposals.challengeId, challengeId),
        notInArray(proposals.status, [...uncountedProposalStatuses]),
      ),
    );
  return row!.n;
}

const verified = async () => ({
  status: 'verified' as const,
  license: 'MIT',
  problem: null,
  checkedAt: new Date(),
});

const input = (title: string) => ({
  title,
  summary: 'Un mapa abierto.',
  approach: 'Primero escuchamos.',
  repositoryUrl: `https://github.com/equipo/${title}`,
  demoUrl: null,
  technologies: [],
});

describe("a challenge's proposal counter", () => {
  let database: Database;
  let db: Db;
  let organization: Organization;
  let member: User;
  before(async () => {
    database = await createTestDatabase();
    db = database.db;
    organization = await makeOrganization(db);
    member = await makeMember(db, organization);
  });
  after(() => database.close());

  it('follows the proposal services: drafts do not count, submitted ones do until withdrawn', async () => {
    const challenge = await makeChallenge(db, { organizationId: organization.id, status: 'open' });
    const [ana, beto] = [await makeVolunteer(db), await makeVolunteer(db)];
    const steps: [string, () => Promise<unknown>, number][] = [];
    const first = await createProposal(db, ana, challenge.id, input('uno'));
    assert.equal(await counter(db, challenge.id), 0, 'a draft');
    steps.push(
      ['submit', () => submitProposal(db, '', ana, first.id, verified), 1],
      ['accept', () => changeProposalStatus(db, member, first.id, 'accept'), 1],
    );
    for (const [name, write, expected] of steps) {
      await write();
      assert.equal(await counter(db, challenge.id), expected, name);
    }
    const second = await createProposal(db, beto, challenge.id, input('dos'));
    assert.equal(await counter(db, challenge.id), 1, 'a second draft');
    await submitProposal(db, '', beto, second.id, verified);
    assert.equal(await counter(db, challenge.id), 2, 'second submitted');
    await changeProposalStatus(db, member, second.id, 'decline', { declineReason: 'No.' });
    assert.equal(await counter(db, challenge.id), 2, 'a declined proposal still counts');
    await withdrawProposal(db, ana, first.id);
    assert.equal(await counter(db, challenge.id), 1, 'withdrawn');
    const draft = await createProposal(db, ana, challenge.id, input('tres'));
    await withdrawProposal(db, ana, draft.id);
    assert.equal(await counter(db, challenge.id), 1, 'a withdrawn draft never counted');
    assert.equal(await counter(db, challenge.id), await liveCount(db, challenge.id));
  });

  it('counts exactly the statuses the listing counts, in bulk inserts, updates and deletes', async () => {
    const [one, other] = [
      await makeChallenge(db, { organizationId: organization.id }),
      await makeChallenge(db, { organizationId: organization.id }),
    ];
    // One statement inserting every status twice, on two challenges.
    await makeProposals(db, one, [...proposalStatuses, ...proposalStatuses]);
    await makeProposals(db, other, ['submitted', 'draft']);
    const counted = proposalStatuses.filter(
      (status) => !(uncountedProposalStatuses as readonly string[]).includes(status),
    ).length;
    assert.equal(await counter(db, one.id), 2 * counted);
    assert.equal(await counter(db, one.id), await liveCount(db, one.id));
    assert.equal(await counter(db, other.id), 1);

    const check = async (what: string) => {
      for (const challenge of [one, other]) {
        assert.equal(await counter(db, challenge.id), await liveCount(db, challenge.id), what);
      }
    };
    await db
      .update(proposals)
      .set({ status: 'withdrawn' })
      .where(eq(proposals.challengeId, one.id));
    assert.equal(await counter(db, one.id), 0, 'all withdrawn in one statement');
    await db
      .update(proposals)
      .set({ status: 'submitted' })
      .where(eq(proposals.challengeId, one.id));
    await check('all back to submitted');
    const [moved] = await db
      .select({ id: proposals.id })
      .from(proposals)
      .where(eq(proposals.challengeId, one.id))
      .limit(1);
    await db.update(proposals).set({ challengeId: other.id }).where(eq(proposals.id, moved!.id));
    await check('a proposal moved to another challenge');
    await db.update(proposals).set({ title: 'Otro título' }).where(eq(proposals.id, moved!.id));
    await check('an edit that is not a status change');
    await db.delete(proposals).where(eq(proposals.id, moved!.id));
    await check('a deleted proposal');
    await db.delete(proposals).where(eq(proposals.challengeId, one.id));
    assert.equal(await counter(db, one.id), 0, 'all deleted');
  });

  it('survives the challenge itself being deleted with its proposals', async () => {
    const challenge: Challenge = await makeChallenge(db, { organizationId: organization.id });
    await makeProposals(db, challenge, ['submitted', 'accepted']);
    await db.delete(challenges).where(eq(challenges.id, challenge.id));
    assert.equal(
      (await db.select().from(challenges).where(eq(challenges.id, challenge.id))).length,
      0,
    );
  });
});

describe('the proposal counter of the demo data', () => {
  let database: Database;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('matches a live count on every seeded challenge', async () => {
    const db = database.db;
    await seedDemoData(db, { config: testConfig(), logger: pino({ level: 'silent' }) });
    const rows = await db
      .select({ id: challenges.id, n: challenges.proposalCount })
      .from(challenges);
    assert.ok(
      rows.some((row) => row.n > 0),
      'some seeded challenge has proposals',
    );
    for (const row of rows) assert.equal(row.n, await liveCount(db, row.id));
  });
});

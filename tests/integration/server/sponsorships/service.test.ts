import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  auditEvents,
  memberships,
  sponsorships,
  type Challenge,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import type { Database } from '../../../../server/db/index.ts';
import { ForbiddenError, NotFoundError } from '../../../../server/errors.ts';
import type { PledgeInput } from '../../../../server/sponsorships/forms.ts';
import {
  fulfilSponsorship,
  pledgeSponsorship,
  withdrawSponsorship,
} from '../../../../server/sponsorships/index.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

// The services decide who may pledge and change a pledge on their own: a route that forgot to
// check must not let anyone through.
describe('the sponsorship services, called with no route in front', () => {
  let database: Database;
  let office: Organization;
  let officer: User;
  let outsider: User;
  let challenge: Challenge;

  const prize = (organizationId: string): PledgeInput => ({
    organizationId,
    kind: 'prize',
    amountCentavos: 100_000,
    description: '',
    terms: '',
    dueOn: null,
  });
  const delivery = {
    delivered: 'Premio',
    deliveredOn: '2026-01-02',
    evidenceUrl: 'https://example.org/recibo.pdf',
    note: '',
  };
  const refusedWith = (key: string) => (error: unknown) =>
    error instanceof ForbiddenError && error.messageKey === key;
  const count = async () => (await database.db.select().from(sponsorships)).length;

  before(async () => {
    database = await createTestDatabase();
    const db = database.db;
    office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    officer = await makeMember(db, office);
    outsider = await makeMember(db, await makeOrganization(db, { kind: 'government' }));
    challenge = await makeChallenge(db);
  });
  after(() => database.close());

  it('refuses a pledge for an office the actor does not belong to, or that cannot sponsor', async () => {
    const db = database.db;
    const before = await count();
    const unverified = await makeOrganization(db, { kind: 'government' });
    const community = await makeOrganization(db, { kind: 'community' });
    const newcomer = await makeMember(db, unverified);
    await db.insert(memberships).values({ organizationId: community.id, userId: newcomer.id });
    const cases = [
      [outsider, office.id, 'sponsorships.errors.notMember'],
      [officer, '00000000-0000-4000-8000-000000000000', 'sponsorships.errors.notMember'],
      [newcomer, unverified.id, 'sponsorships.errors.notVerified'],
      [newcomer, community.id, 'sponsorships.errors.notGovernment'],
    ] as const;
    for (const [actor, organizationId, key] of cases) {
      await assert.rejects(
        pledgeSponsorship(db, actor, challenge.id, prize(organizationId)),
        refusedWith(key),
      );
    }
    assert.equal(await count(), before);
  });

  it('refuses a challenge that is gone or no longer takes sponsors', async () => {
    const db = database.db;
    const closed = await makeChallenge(db, { status: 'closed' });
    await assert.rejects(
      pledgeSponsorship(db, officer, closed.id, prize(office.id)),
      refusedWith('sponsorships.errors.challengeNotOpen'),
    );
    await assert.rejects(
      pledgeSponsorship(db, officer, '00000000-0000-4000-8000-000000000000', prize(office.id)),
      NotFoundError,
    );
  });

  it('lets only the office change its pledge, once, even when two presses race', async () => {
    const db = database.db;
    const pledge = await pledgeSponsorship(db, officer, challenge.id, prize(office.id));
    await assert.rejects(
      fulfilSponsorship(db, outsider, pledge.id, delivery),
      refusedWith('sponsorships.errors.transitionRefused'),
    );
    const results = await Promise.allSettled([
      fulfilSponsorship(db, officer, pledge.id, delivery),
      withdrawSponsorship(db, officer, pledge.id, 'Sin presupuesto.'),
    ]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const [row] = await db.select().from(sponsorships).where(eq(sponsorships.id, pledge.id));
    const events = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, pledge.id));
    assert.equal(events.length, 2, 'the pledge and the one change that won');
    assert.ok(['fulfilled', 'withdrawn'].includes(row!.status));
    await assert.rejects(fulfilSponsorship(db, officer, 'not-an-id', delivery), NotFoundError);
  });
});

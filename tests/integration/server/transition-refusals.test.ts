import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Challenge, Organization, User } from '../../../models/schema/index.ts';
import { changeChallengeStatus } from '../../../server/challenges/status-change.ts';
import { ForbiddenError } from '../../../server/errors.ts';
import { changeProposalStatus } from '../../../server/proposals/status-change.ts';
import { changeSponsorship } from '../../../server/sponsorships/service.ts';
import { makeSponsorship } from '../../support/challenge-factories.ts';
import { databaseSnapshot } from '../../support/database-snapshot.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../support/factories.ts';
import { makeProposal, makeVolunteer } from '../../support/proposal-factories.ts';
import { buildTestApp, type TestApp } from '../../support/test-app.ts';

// A transition the table does not have from the current status, asked by someone who could make
// it from the right one: the service refuses it and writes nothing (not even an audit event).

describe('transitions refused for their status, through the services', () => {
  let test: TestApp;
  let organization: Organization;
  let member: User;
  let lead: User;
  let challenge: Challenge;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    organization = await makeOrganization(db);
    member = await makeMember(db, organization);
    lead = await makeVolunteer(db);
    challenge = await makeChallenge(db, { organizationId: organization.id, status: 'open' });
  });
  after(() => test.close());

  async function refusedUnchanged(call: () => Promise<unknown>, label: string) {
    const db = test.database.db;
    const before = await databaseSnapshot(db);
    await assert.rejects(call, ForbiddenError, label);
    assert.equal(await databaseSnapshot(db), before, `${label} wrote something`);
  }

  it('challenge: a member cannot make a move the table lacks from the current status', async () => {
    const db = test.database.db;
    const cases = [
      ['draft', 'start'],
      ['draft', 'close'],
      ['open', 'publish'],
      ['open', 'solve'],
      ['open', 'reopen'],
      ['in_progress', 'publish'],
      ['solved', 'reopen'],
      ['solved', 'close'],
      ['closed', 'solve'],
      ['closed', 'start'],
    ] as const;
    for (const [status, transition] of cases) {
      const target = await makeChallenge(db, {
        organizationId: organization.id,
        status,
        publishedAt: status === 'draft' ? null : new Date(),
      });
      await refusedUnchanged(
        () => changeChallengeStatus(db, test.config, member, target.id, transition),
        `${transition} from ${status}`,
      );
    }
  });

  it('proposal: neither the team nor the organization can skip or repeat a step', async () => {
    const db = test.database.db;
    const cases = [
      ['draft', 'accept', member],
      ['declined', 'accept', member],
      ['accepted', 'accept', member],
      ['submitted', 'confirmDelivery', member],
      ['submitted', 'start', lead],
      ['delivered', 'withdraw', lead],
      ['withdrawn', 'start', lead],
    ] as const;
    for (const [status, transition, actor] of cases) {
      const proposal = await makeProposal(db, { challenge, lead, overrides: { status } });
      await refusedUnchanged(
        () => changeProposalStatus(db, actor, proposal.id, transition),
        `${transition} from ${status}`,
      );
    }
  });

  it('sponsorship: the office cannot change a pledge already fulfilled or withdrawn', async () => {
    const db = test.database.db;
    const office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    const officer = await makeMember(db, office);
    for (const status of ['fulfilled', 'withdrawn'] as const) {
      for (const transition of ['fulfill', 'withdraw'] as const) {
        const pledge = await makeSponsorship(db, challenge, { status, organizationId: office.id });
        await refusedUnchanged(
          () => changeSponsorship(db, officer, pledge.id, transition, 'Otra razón'),
          `${transition} from ${status}`,
        );
      }
    }
  });
});

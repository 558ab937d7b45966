import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Challenge,
  Organization,
  SponsorshipStatus,
  User,
} from '../../../models/schema/index.ts';
import { changeChallengeStatus } from '../../../server/challenges/status-change.ts';
import { ForbiddenError } from '../../../server/errors.ts';
import { changeProposalStatus } from '../../../server/proposals/status-change.ts';
import {
  amendSponsorship,
  fulfilSponsorship,
  respondToFulfilment,
  withdrawSponsorship,
} from '../../../server/sponsorships/index.ts';
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

  it('sponsorship: no side moves a pledge out of a step the table does not allow', async () => {
    const db = test.database.db;
    const office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    const officer = await makeMember(db, office);
    const receiver = await makeMember(db, organization);
    const delivery = {
      delivered: 'Premio',
      deliveredOn: '2026-01-02',
      evidenceUrl: 'https://example.org/recibo.pdf',
      note: '',
    };
    const amendment = {
      amountCentavos: 1_00,
      description: '',
      terms: '',
      dueOn: null,
      note: 'Ajuste.',
    };
    const attempts = {
      fulfill: (id: string) => fulfilSponsorship(db, officer, id, delivery),
      withdraw: (id: string) => withdrawSponsorship(db, officer, id, 'Otra razón'),
      amend: (id: string) => amendSponsorship(db, officer, id, amendment),
      confirm: (id: string) =>
        respondToFulfilment(db, receiver, id, { verdict: 'confirm', note: '' }),
      dispute: (id: string) =>
        respondToFulfilment(db, receiver, id, { verdict: 'dispute', note: 'Falta.' }),
    };
    const refused: [keyof typeof attempts, SponsorshipStatus[]][] = [
      ['fulfill', ['fulfilled', 'confirmed', 'withdrawn']],
      ['withdraw', ['fulfilled', 'confirmed', 'withdrawn']],
      ['amend', ['fulfilled', 'confirmed', 'withdrawn']],
      ['confirm', ['pledged', 'confirmed', 'disputed', 'withdrawn']],
      ['dispute', ['pledged', 'confirmed', 'disputed', 'withdrawn']],
    ];
    for (const [name, statuses] of refused) {
      for (const status of statuses) {
        const pledge = await makeSponsorship(db, challenge, { status, organizationId: office.id });
        await refusedUnchanged(() => attempts[name](pledge.id), `${name} from ${status}`);
      }
    }
  });
});

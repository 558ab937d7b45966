import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import {
  auditEvents,
  memberships,
  sponsorshipFulfilments,
  sponsorshipResponses,
  sponsorships,
  sponsorshipVersions,
  type Challenge,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import type { Database } from '../../../../server/db/index.ts';
import { ForbiddenError, ValidationError } from '../../../../server/errors.ts';
import { dayInMexico } from '../../../../server/lib/index.ts';
import {
  amendSponsorship,
  fulfilSponsorship,
  pledgeSponsorship,
  remindOverduePledges,
  respondToFulfilment,
  withdrawSponsorship,
} from '../../../../server/sponsorships/index.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { outboxRowsTo } from '../../../support/outbox-factories.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const dayFromNow = (days: number) => dayInMexico(new Date(Date.now() + days * DAY_MS));

// A pledge, step by step, through the services alone: each side does its part, each change is
// kept and audited, and the other side hears of it through the outbox.
describe('a pledge that can be checked', () => {
  let database: Database;
  let office: Organization;
  let receiver: Organization;
  let officer: User;
  let neighbour: User;
  let both: User;
  let challenge: Challenge;

  const db = () => database.db;
  const stored = async (id: string) =>
    (await db().select().from(sponsorships).where(eq(sponsorships.id, id)))[0]!;
  const pledgeChanges = async (address: string, event: string) =>
    (await outboxRowsTo(db(), address)).filter(
      (row) => row.template === 'pledge-change' && (row.data as { event?: string }).event === event,
    );
  const delivery = {
    delivered: 'Transferencia de $50,000 al equipo',
    deliveredOn: dayFromNow(-1),
    evidenceUrl: 'https://transparencia.example.org/recibo-123.pdf',
    note: 'Folio 123',
  };
  const newPledge = (dueOn: string | null = null) =>
    pledgeSponsorship(db(), officer, challenge.id, {
      organizationId: office.id,
      kind: 'prize',
      amountCentavos: 5_000_000,
      description: 'Premio',
      terms: 'Al adoptarse',
      dueOn,
    });
  const refused = (error: unknown) =>
    error instanceof ForbiddenError && error.messageKey === 'sponsorships.errors.transitionRefused';

  before(async () => {
    database = await createTestDatabase();
    office = await makeOrganization(db(), { kind: 'government', verifiedAt: new Date() });
    receiver = await makeOrganization(db(), { kind: 'community' });
    officer = await makeMember(db(), office, { email: 'oficina@example.org' });
    neighbour = await makeMember(db(), receiver, { email: 'vecina@example.org' });
    both = await makeMember(db(), office, { email: 'ambas@example.org' });
    await makeMember(db(), receiver, { email: 'vecino@example.org' });
    await db().insert(memberships).values({ organizationId: receiver.id, userId: both.id });
    challenge = await makeChallenge(db(), { organizationId: receiver.id, status: 'open' });
  });
  after(() => database.close());

  it('records a delivery with its evidence and tells the receiver', async () => {
    const pledge = await newPledge();
    await assert.rejects(fulfilSponsorship(db(), neighbour, pledge.id, delivery), refused);
    await assert.rejects(
      fulfilSponsorship(db(), officer, pledge.id, { ...delivery, deliveredOn: dayFromNow(2) }),
      (error) => error instanceof ValidationError && 'deliveredOn' in error.fieldErrors,
    );
    assert.equal((await stored(pledge.id)).status, 'pledged');

    const updated = await fulfilSponsorship(db(), officer, pledge.id, delivery);
    assert.equal(updated.status, 'fulfilled');
    assert.ok(updated.fulfilledAt);
    const [fulfilment] = await db()
      .select()
      .from(sponsorshipFulfilments)
      .where(eq(sponsorshipFulfilments.sponsorshipId, pledge.id));
    assert.equal(fulfilment!.evidenceUrl, delivery.evidenceUrl);
    assert.equal(fulfilment!.deliveredOn, delivery.deliveredOn);
    assert.equal(fulfilment!.recordedById, officer.id);
    assert.equal((await pledgeChanges('vecina@example.org', 'fulfill')).length, 1);
    assert.equal((await pledgeChanges('vecino@example.org', 'fulfill')).length, 1);
    assert.equal(
      (await pledgeChanges('oficina@example.org', 'fulfill')).length,
      0,
      'not to itself',
    );
    await assert.rejects(fulfilSponsorship(db(), officer, pledge.id, delivery), refused, 'once');
  });

  it('lets only the receiver, and never the office, confirm; a dispute sends it back', async () => {
    const pledge = await newPledge();
    await fulfilSponsorship(db(), officer, pledge.id, delivery);
    for (const actor of [officer, both]) {
      await assert.rejects(
        respondToFulfilment(db(), actor, pledge.id, { verdict: 'confirm', note: '' }),
        refused,
        'the office does not confirm its own delivery',
      );
    }
    const disputed = await respondToFulfilment(db(), neighbour, pledge.id, {
      verdict: 'dispute',
      note: 'El recibo es de otro programa.',
    });
    assert.equal(disputed.status, 'disputed');
    assert.ok(disputed.disputedAt);
    const officeHeard = await pledgeChanges('oficina@example.org', 'dispute');
    assert.ok(officeHeard.some((row) => (row.data as { note: string }).note.includes('recibo')));
    assert.equal((await pledgeChanges('ambas@example.org', 'dispute')).length, 1);

    await fulfilSponsorship(db(), officer, pledge.id, { ...delivery, note: 'Recibo corregido' });
    const confirmed = await respondToFulfilment(db(), neighbour, pledge.id, {
      verdict: 'confirm',
      note: 'Recibido.',
    });
    assert.equal(confirmed.status, 'confirmed');
    assert.ok(confirmed.confirmedAt);
    const answers = await db()
      .select()
      .from(sponsorshipResponses)
      .where(eq(sponsorshipResponses.sponsorshipId, pledge.id))
      .orderBy(asc(sponsorshipResponses.createdAt));
    assert.deepEqual(
      answers.map((answer) => [answer.verdict, answer.organizationId, answer.respondedById]),
      [
        ['disputed', receiver.id, neighbour.id],
        ['confirmed', receiver.id, neighbour.id],
      ],
    );
    const fulfilments = await db()
      .select()
      .from(sponsorshipFulfilments)
      .where(eq(sponsorshipFulfilments.sponsorshipId, pledge.id));
    assert.equal(fulfilments.length, 2, 'both deliveries are kept');
    assert.notEqual(answers[0]!.fulfilmentId, answers[1]!.fulfilmentId, 'each answers its own');
    const actions = (
      await db()
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, pledge.id))
        .orderBy(asc(auditEvents.createdAt), asc(auditEvents.id))
    ).map((row) => row.action);
    assert.deepEqual(actions, [
      'sponsorship.pledge',
      'sponsorship.fulfill',
      'sponsorship.dispute',
      'sponsorship.fulfill',
      'sponsorship.confirm',
    ]);
    await assert.rejects(
      withdrawSponsorship(db(), officer, pledge.id, 'Tarde'),
      refused,
      'a confirmed pledge stays',
    );
  });

  it('keeps every version of an amended pledge and tells the receiver', async () => {
    const pledge = await newPledge(dayFromNow(30));
    await assert.rejects(
      amendSponsorship(db(), neighbour, pledge.id, {
        amountCentavos: 1,
        description: 'x',
        terms: '',
        dueOn: null,
        note: 'Ajeno',
      }),
      refused,
    );
    await assert.rejects(
      amendSponsorship(db(), officer, pledge.id, {
        amountCentavos: 6_000_000,
        description: 'Premio',
        terms: '',
        dueOn: dayFromNow(-1),
        note: 'Atraso',
      }),
      (error) => error instanceof ValidationError && 'dueOn' in error.fieldErrors,
    );
    const amended = await amendSponsorship(db(), officer, pledge.id, {
      amountCentavos: 6_000_000,
      description: 'Premio mayor',
      terms: 'Al adoptarse, en dos pagos',
      dueOn: dayFromNow(60),
      note: 'Se amplió el presupuesto.',
    });
    assert.equal(amended.version, 2);
    assert.equal(amended.amountCentavos, 6_000_000);
    const versions = await db()
      .select()
      .from(sponsorshipVersions)
      .where(eq(sponsorshipVersions.sponsorshipId, pledge.id))
      .orderBy(asc(sponsorshipVersions.version));
    assert.deepEqual(
      versions.map((row) => [row.version, row.amountCentavos, row.terms, row.dueOn, row.note]),
      [
        [1, 5_000_000, 'Al adoptarse', dayFromNow(30), ''],
        [2, 6_000_000, 'Al adoptarse, en dos pagos', dayFromNow(60), 'Se amplió el presupuesto.'],
      ],
    );
    const told = await pledgeChanges('vecina@example.org', 'amend');
    assert.ok(
      told.some((row) => (row.data as { note: string }).note === 'Se amplió el presupuesto.'),
    );
    await fulfilSponsorship(db(), officer, pledge.id, delivery);
    await assert.rejects(
      amendSponsorship(db(), officer, pledge.id, {
        amountCentavos: 1_00,
        description: '',
        terms: '',
        dueOn: null,
        note: 'Después',
      }),
      refused,
      'a delivered pledge is not amended',
    );
  });

  it('reminds the office once of a pledge past its day with nothing delivered', async () => {
    const late = await newPledge(dayFromNow(1));
    const notYetDue = await newPledge(dayFromNow(3));
    const delivered = await newPledge(dayFromNow(1));
    await fulfilSponsorship(db(), officer, delivered.id, delivery);
    const withdrawn = await newPledge(dayFromNow(1));
    await withdrawSponsorship(db(), officer, withdrawn.id, 'Sin presupuesto');
    const twoDaysOn = new Date(Date.now() + 2 * DAY_MS);
    const reminders = async () =>
      (await pledgeChanges('oficina@example.org', 'overdue')).map(
        (row) => (row.data as { path: string }).path,
      );
    const first = await remindOverduePledges({ db: db() }, twoDaysOn);
    assert.equal(first.reminded, 1);
    assert.deepEqual(await reminders(), [`/patrocinios/${late.id}`]);
    assert.equal((await pledgeChanges('vecina@example.org', 'overdue')).length, 0, 'the office');
    assert.equal((await remindOverduePledges({ db: db() }, twoDaysOn)).reminded, 0, 'once');
    assert.ok((await stored(late.id)).overdueRemindedAt);
    assert.equal((await stored(notYetDue.id)).overdueRemindedAt, null);

    await amendSponsorship(db(), officer, late.id, {
      amountCentavos: 5_000_000,
      description: 'Premio',
      terms: 'Al adoptarse',
      dueOn: dayFromNow(2),
      note: 'Nueva fecha',
    });
    assert.equal((await stored(late.id)).overdueRemindedAt, null, 'a new day starts afresh');
    const threeDaysOn = new Date(Date.now() + 3 * DAY_MS);
    assert.equal((await remindOverduePledges({ db: db() }, threeDaysOn)).reminded, 1);
    assert.equal((await reminders()).length, 2);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  challenges,
  notificationPreferences,
  type Challenge,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import { closeChallengesPastDeadline } from '../../../../server/challenges/index.ts';
import { dayInMexico } from '../../../../server/challenges/browse-service.ts';
import { challengeFormBody } from '../../../support/challenge-form.ts';
import {
  claimById,
  makeClaim,
  makeVolunteer,
  roomyLimits,
  signedInPerson,
} from '../../../support/claim-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { outboxRowsTo } from '../../../support/outbox-factories.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signedInPerson>>['person'];
const DAY_MS = 24 * 60 * 60 * 1000;

describe('a challenge’s deadline', () => {
  let test: TestApp;
  let organization: Organization;
  let member: { person: Person; user: User };
  let quiet: { person: Person; user: User };
  let volunteer: { person: Person; user: User };
  const today = dayInMexico(new Date());
  const yesterday = dayInMexico(new Date(Date.now() - DAY_MS));

  before(async () => {
    test = await buildTestApp(roomyLimits);
    organization = await makeOrganization(test.database.db, { name: 'Vecinos de Oaxaca' });
    member = await signedInPerson(test, 'fechas@example.org', { organization, name: 'Fer' });
    quiet = await signedInPerson(test, 'callada@example.org', { organization, name: 'Cali' });
    volunteer = await signedInPerson(test, 'vol@example.org', { login: 'vol-dev' });
    await test.database.db
      .insert(notificationPreferences)
      .values({ userId: quiet.user.id, kind: 'challenge_deadline', delivery: 'never' });
  });
  after(() => test.close());

  async function send(as: Person, path: string, body: Record<string, unknown>, from = path) {
    const form = await as.get(from);
    return as.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), ...body });
  }
  const stored = async (challenge: Challenge) =>
    (await test.database.db.select().from(challenges).where(eq(challenges.id, challenge.id)))[0]!;
  const mine = (overrides: Partial<Challenge> = {}) =>
    makeChallenge(test.database.db, { organizationId: organization.id, ...overrides });

  it('refuses a past deadline on a new challenge, keeping what was typed', async () => {
    const response = await send(member.person, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody({ title: 'Reto con fecha vieja', deadline: '2020-01-01' }),
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /La fecha límite ya pasó: elige hoy o una fecha futura/);
    assert.match(response.text, /value="Reto con fecha vieja"/);
    assert.match(response.text, /name="deadline" type="date" value="2020-01-01"/);
    const rows = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.title, 'Reto con fecha vieja'));
    assert.equal(rows.length, 0);

    const todayIsFine = await send(member.person, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody({ title: 'Reto que vence hoy', deadline: today }),
    });
    assert.equal(todayIsFine.status, 303);
  });

  it('refuses setting a past deadline on an edit, but not an edit that leaves one as it was', async () => {
    const challenge = await mine({ title: 'Vencido', slug: 'vencido', deadline: '2020-01-01' });
    const path = '/retos/vencido/editar';
    const unrelated = await send(
      member.person,
      path,
      challengeFormBody({ title: 'Vencido', pitch: 'Otro resumen.', deadline: '2020-01-01' }),
    );
    assert.equal(unrelated.status, 303);
    assert.equal((await stored(challenge)).pitch, 'Otro resumen.');

    const moved = await send(
      member.person,
      path,
      challengeFormBody({ title: 'Vencido', deadline: '2021-03-04' }),
    );
    assert.equal(moved.status, 422);
    assert.match(moved.text, /La fecha límite ya pasó/);
    assert.match(moved.text, /value="2021-03-04"/);
    assert.equal((await stored(challenge)).deadline, '2020-01-01');
  });

  it('refuses to publish or reopen a challenge whose deadline has passed', async () => {
    const draft = await mine({ status: 'draft', publishedAt: null, deadline: '2020-01-01' });
    const closed = await mine({ status: 'closed', deadline: yesterday });
    for (const [challenge, transicion] of [
      [draft, 'publish'],
      [closed, 'reopen'],
    ] as const) {
      const page = `/retos/${challenge.slug}`;
      const response = await send(member.person, `${page}/estado`, { transicion }, page);
      assert.equal(response.status, 422, transicion);
      assert.match(response.text, /La fecha límite de este reto ya pasó/);
      assert.equal((await stored(challenge)).status, challenge.status);
    }
  });

  it('closes open challenges once their deadline day is over, ending claims and telling members', async () => {
    const db = test.database.db;
    const due = await mine({ title: 'Se acabó el plazo', deadline: yesterday });
    const lastDay = await mine({ deadline: today });
    const draft = await mine({ status: 'draft', publishedAt: null, deadline: '2020-01-01' });
    const claim = await makeClaim(db, due, volunteer.user);

    const openPastDeadline = (await db.select().from(challenges)).filter(
      (row) => row.status === 'open' && row.deadline !== null && row.deadline < today,
    );
    assert.ok(openPastDeadline.length >= 2, 'the edited “Vencido” is still open too');
    const [first, second] = await Promise.all([
      closeChallengesPastDeadline({ db }),
      closeChallengesPastDeadline({ db }),
    ]);
    assert.equal(
      first.closed + second.closed,
      openPastDeadline.length,
      'two processes close each one once',
    );
    assert.equal((await closeChallengesPastDeadline({ db })).closed, 0, 'a second run is a no-op');

    assert.equal((await stored(due)).status, 'closed');
    assert.equal((await stored(lastDay)).status, 'open', 'its last day is not over');
    assert.equal((await stored(draft)).status, 'draft');
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, due.id), eq(auditEvents.action, 'challenge.close')));
    assert.equal(event!.actorId, null, 'the system closed it');
    assert.deepEqual(event!.after, { status: 'closed', reason: 'deadline', deadline: yesterday });
    const page = await member.person.get(`/retos/${due.slug}`);
    assert.equal(page.status, 200, 'its history shows a change with no person behind it');
    assert.doesNotMatch(page.text, /Quién trabaja en este reto/);

    assert.equal((await claimById(db, claim.id)).status, 'ended');
    const ends = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, due.id), eq(auditEvents.action, 'claim.end')));
    assert.equal(ends.length, 1);
    assert.equal((ends[0]!.after as { reason: string }).reason, 'deadline');

    const closings = async (address: string) =>
      (await outboxRowsTo(db, address)).filter(
        (row) => row.template === 'challenge-deadline-closed',
      );
    assert.equal(
      (await closings('fechas@example.org')).length,
      openPastDeadline.length,
      'one for each closed challenge',
    );
    assert.equal((await closings('callada@example.org')).length, 0, 'she asked for none');
    await test.deliverMail();
    const sent = test.mail.find(
      (mail) => mail.to === 'fechas@example.org' && mail.subject.includes('Se acabó el plazo'),
    )!;
    assert.match(sent.subject, /El reto «Se acabó el plazo» cerró al pasar su fecha límite/);
    assert.match(sent.text, /Se acabó el plazo/);
  });

  it('ends the claims on a challenge its organization closes, and takes no new ones', async () => {
    const db = test.database.db;
    const challenge = await mine();
    const other = await makeVolunteer(db);
    const claim = await makeClaim(db, challenge, other);
    const page = `/retos/${challenge.slug}`;
    const closed = await send(member.person, `${page}/estado`, { transicion: 'close' }, page);
    assert.equal(closed.status, 303);
    assert.equal((await claimById(db, claim.id)).status, 'ended');
    const [end] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, challenge.id), eq(auditEvents.action, 'claim.end')));
    assert.equal(end!.actorId, member.user.id);
    assert.equal((end!.after as { reason: string }).reason, 'close');

    const refused = await send(volunteer.person, `${page}/reclamar`, {}, page);
    assert.equal(refused.status, 403);
    const dashboard = await volunteer.person.get('/mi-trabajo');
    assert.doesNotMatch(dashboard.text, new RegExp(challenge.title));
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import {
  notificationPreferences,
  outbox,
  users,
  watches,
  type Challenge,
  type NotificationDelivery,
  type Organization,
  type OutboxMessage,
  type ProposalStatus,
  type User,
} from '../../../../models/schema/index.ts';
import { type OutgoingEmail } from '../../../../server/mail/mailer.ts';
import { notificationKinds, type NotificationKind } from '../../../../server/mail/email-kinds.ts';
import { startFakeGithub } from '../../../support/fake-github.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { addMembership, relaxedLimits, signedIn } from '../../../support/organization-factories.ts';
import { makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { makeTeamProposal, proposalRow } from '../../../support/review-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];
type Signed = { person: Person; user: User };
/** An outbox row as these tests compare it: address, status, language. */
type Expected = [address: string, status: 'pending' | 'digest', language: 'es' | 'en'];

const MODERATOR = 'moderadora@example.org';
const DAY_MS = 24 * 60 * 60 * 1000;
const yesterday = () => new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);

describe('who hears of what: the notification emails each change writes to the outbox', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  let test: TestApp;
  let organization: Organization;
  let otherOrganization: Organization;
  // The posting organization: a reviewer who acts, a colleague who reads English at a contact
  // address, a member who proposes, and two people who chose "never" and "daily" for everything.
  let reviewer: Signed;
  let submitter: Signed;
  let quiet: User;
  let digester: User;
  // A team: the lead acts, a teammate reads English, an invitation is still unanswered.
  let lead: Signed;
  let teammate: User;
  let invitee: User;
  let otherMember: Signed;
  let stranger: Signed;
  let moderator: Signed;

  const db = () => test.database.db;

  async function prefer(user: User, kind: NotificationKind, delivery: NotificationDelivery) {
    await db()
      .insert(notificationPreferences)
      .values({ userId: user.id, kind, delivery })
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { delivery: sql`excluded.delivery` },
      });
  }

  before(async () => {
    github = await startFakeGithub();
    test = await buildTestApp({
      ...relaxedLimits,
      env: { ...github.env, ADMIN_EMAILS: MODERATOR },
    });
    organization = await makeOrganization(db(), { name: 'Vecinos del Atoyac' });
    otherOrganization = await makeOrganization(db(), { name: 'Municipio de Cholula' });

    reviewer = await signedIn(test, 'revisora@example.org', { organization, name: 'Ana Revisora' });
    await makeMember(db(), organization, {
      email: 'colin@example.org',
      contactEmail: 'colin.avisos@example.org',
      locale: 'en',
    });
    const proposer = await makeVolunteer(db(), {
      email: 'proponente@example.org',
      githubLogin: 'proponente',
    });
    await addMembership(db(), organization, proposer);
    submitter = { person: (await signInByEmail(test, proposer.email!)).person, user: proposer };
    quiet = await makeMember(db(), organization, { email: 'silencio@example.org' });
    digester = await makeMember(db(), organization, { email: 'resumen@example.org' });
    for (const kind of notificationKinds) {
      await prefer(quiet, kind, 'never');
      await prefer(digester, kind, 'daily');
    }

    const leadUser = await makeVolunteer(db(), {
      email: 'lider@example.org',
      githubLogin: 'lia-lider',
    });
    lead = { person: (await signInByEmail(test, leadUser.email!)).person, user: leadUser };
    teammate = await makeVolunteer(db(), { email: 'equipo@example.org', locale: 'en' });
    invitee = await makeVolunteer(db(), { email: 'invitada@example.org' });

    otherMember = await signedIn(test, 'cholula@example.org', {
      organization: otherOrganization,
    });
    await db().update(users).set({ locale: 'en' }).where(eq(users.id, otherMember.user.id));
    stranger = await signedIn(test, 'ajena@example.org');
    moderator = await signedIn(test, MODERATOR);
  });
  beforeEach(async () => {
    // Each test reads only what its own change wrote and sent.
    await db().delete(outbox);
    test.mail.length = 0;
  });
  after(async () => {
    await test.close();
    await github.close();
  });

  /** A state-changing form post with the person's CSRF token. */
  async function post(person: Person, path: string, fields: Record<string, string> = {}) {
    const page = await person.get('/');
    return person.postForm(path, { _csrf: csrfTokenIn(page.text), ...fields });
  }

  const outboxRows = () => db().select().from(outbox);

  /**
   * The outbox holds exactly these rows, all of the kind and template; none is for the actor.
   * Returns the rows.
   */
  async function expectOutbox(
    kind: NotificationKind,
    template: string,
    expected: Expected[],
    actor: User,
  ): Promise<OutboxMessage[]> {
    const rows = await outboxRows();
    // Sorted here, not by the database, whose collation may order addresses otherwise.
    const byAddress = (a: Expected, b: Expected) => (a.join() < b.join() ? -1 : 1);
    assert.deepEqual(
      rows
        .map((row): Expected => [
          row.toAddress,
          row.status as Expected[1],
          row.language as Expected[2],
        ])
        .sort(byAddress),
      [...expected].sort(byAddress),
      'who gets a row, and how',
    );
    for (const row of rows) {
      assert.equal(row.kind, kind, row.toAddress);
      assert.equal(row.template, template, row.toAddress);
      assert.notEqual(row.recipientId, actor.id, 'the actor is not told of their own change');
    }
    return rows;
  }

  /** Delivers what is due and returns the emails sent, by address. */
  async function deliver(): Promise<Map<string, OutgoingEmail>> {
    await test.deliverMail();
    const byAddress = new Map<string, OutgoingEmail>();
    for (const mail of test.mail) {
      assert.ok(!byAddress.has(mail.to), `one email to ${mail.to}`);
      byAddress.set(mail.to, mail);
    }
    return byAddress;
  }

  /** The email went out with this subject, and links to the page (and to stop these emails). */
  function expectEmail(mail: OutgoingEmail | undefined, subject: string, path: string) {
    assert.ok(mail, `an email with the subject ${subject}`);
    assert.equal(mail.subject, subject);
    const link = `${test.config.baseUrl}${path}`;
    assert.ok(mail.text.includes(link), `${mail.to}: the text links to ${link}`);
    assert.ok(mail.html.includes(`href="${link}"`), `${mail.to}: the html links to ${link}`);
    assert.match(mail.headers?.['List-Unsubscribe'] ?? '', /\/avisos\/baja\//);
  }

  const newChallenge = (title: string, status: Challenge['status'] = 'open') =>
    makeChallenge(db(), { organizationId: organization.id, title, status });

  /** A proposal of the team: the lead, the teammate, the quiet and the digest member, an invitee. */
  const teamProposal = (challenge: Challenge, status: ProposalStatus, title: string) =>
    makeTeamProposal(db(), challenge, {
      status,
      title,
      lead: lead.user,
      members: [teammate, quiet, digester],
      invited: [invitee],
    });

  const teamRows = (status: 'pending' | 'digest' = 'pending'): Expected[] => [
    ['lider@example.org', status, 'es'],
    ['equipo@example.org', status, 'en'],
    ['resumen@example.org', 'digest', 'es'],
  ];

  it('tells the posting organization of a submitted proposal, but not the member who submitted it', async () => {
    const challenge = await newChallenge('Descargas al río Atoyac');
    github.repositories.push({
      owner: 'proponente',
      name: 'mapa-descargas',
      private: false,
      license: { spdx_id: 'MIT', name: 'MIT License' },
    });
    const draft = await makeProposal(db(), {
      challenge,
      lead: submitter.user,
      overrides: {
        title: 'Mapa de descargas',
        repositoryUrl: 'https://github.com/proponente/mapa-descargas',
      },
    });
    const response = await post(submitter.person, `/propuestas/${draft.id}/enviar`);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `/propuestas/${draft.id}?aviso=enviada`);
    assert.equal((await proposalRow(db(), draft.id)).status, 'submitted');

    await expectOutbox(
      'proposal_submitted',
      'proposal-submitted',
      [
        ['revisora@example.org', 'pending', 'es'],
        ['colin.avisos@example.org', 'pending', 'en'],
        ['resumen@example.org', 'digest', 'es'],
      ],
      submitter.user,
    );
    const mail = await deliver();
    assert.equal(mail.size, 2);
    const path = `/propuestas/${draft.id}`;
    expectEmail(
      mail.get('revisora@example.org'),
      'Una propuesta nueva para «Descargas al río Atoyac»',
      path,
    );
    expectEmail(
      mail.get('colin.avisos@example.org'),
      'A new proposal for “Descargas al río Atoyac”',
      path,
    );
    assert.match(mail.get('revisora@example.org')!.text, /propuesta «Mapa de descargas»/);
    const [digest] = await db().select().from(outbox).where(eq(outbox.status, 'digest'));
    assert.equal(digest!.toAddress, 'resumen@example.org', 'the digest row waits, unsent');
  });

  it('tells the team, and only those who joined it, that their proposal was accepted', async () => {
    const challenge = await newChallenge('Baches en Cholula');
    const proposal = await teamProposal(challenge, 'submitted', 'Mapa de baches');
    const response = await post(reviewer.person, `/propuestas/${proposal.id}/aceptar`);
    assert.equal(response.status, 303);
    assert.equal((await proposalRow(db(), proposal.id)).status, 'accepted');

    await expectOutbox('proposal_decision', 'proposal-decision', teamRows(), reviewer.user);
    const mail = await deliver();
    assert.equal(mail.size, 2);
    const path = `/propuestas/${proposal.id}`;
    expectEmail(mail.get('lider@example.org'), 'Tu propuesta fue aceptada: Mapa de baches', path);
    expectEmail(mail.get('equipo@example.org'), 'Your proposal was accepted: Mapa de baches', path);
  });

  it('tells the team that their proposal was declined, with the reason', async () => {
    const challenge = await newChallenge('Lluvia en Puebla');
    const proposal = await teamProposal(challenge, 'submitted', 'App de lluvia');
    const response = await post(reviewer.person, `/propuestas/${proposal.id}/rechazar`, {
      reason: 'No usa los datos abiertos del municipio.',
    });
    assert.equal(response.status, 303);
    assert.equal((await proposalRow(db(), proposal.id)).status, 'declined');

    await expectOutbox('proposal_decision', 'proposal-decision', teamRows(), reviewer.user);
    const mail = await deliver();
    assert.equal(mail.size, 2);
    const path = `/propuestas/${proposal.id}`;
    expectEmail(mail.get('lider@example.org'), 'Respuesta a tu propuesta: App de lluvia', path);
    expectEmail(mail.get('equipo@example.org'), 'An answer to your proposal: App de lluvia', path);
    assert.match(mail.get('lider@example.org')!.text, /No usa los datos abiertos del municipio\./);
  });

  it('tells the team that the organization confirmed delivery', async () => {
    const challenge = await newChallenge('Agua potable en Tlaxcala', 'in_progress');
    const proposal = await teamProposal(challenge, 'in_progress', 'Medidores abiertos');
    const response = await post(reviewer.person, `/propuestas/${proposal.id}/entregar`);
    assert.equal(response.status, 303);
    assert.equal((await proposalRow(db(), proposal.id)).status, 'delivered');

    await expectOutbox('delivery', 'delivery-confirmed', teamRows(), reviewer.user);
    const mail = await deliver();
    assert.equal(mail.size, 2);
    const path = `/propuestas/${proposal.id}`;
    expectEmail(mail.get('lider@example.org'), 'Entrega confirmada: Medidores abiertos', path);
    expectEmail(mail.get('equipo@example.org'), 'Delivery confirmed: Medidores abiertos', path);
  });

  it('tells the team and the posting organization of an adoption, each person once, never whoever recorded it', async () => {
    const challenge = await newChallenge('Basura en Oaxaca', 'solved');
    const proposal = await teamProposal(challenge, 'delivered', 'Rutas de recolección');
    const path = `/propuestas/${proposal.id}/adopciones`;
    const response = await post(reviewer.person, path, {
      organizationId: organization.id,
      since: yesterday(),
      evidenceUrl: 'https://example.org/acta',
    });
    assert.equal(response.status, 303);
    assert.equal((await proposalRow(db(), proposal.id)).status, 'adopted');

    // The digest member is on the team and in the organization: one row.
    await expectOutbox(
      'adoption',
      'adoption-recorded',
      [
        ...teamRows(),
        ['colin.avisos@example.org', 'pending', 'en'],
        ['proponente@example.org', 'pending', 'es'],
      ],
      reviewer.user,
    );
    const mail = await deliver();
    assert.equal(mail.size, 4);
    const link = `/propuestas/${proposal.id}`;
    expectEmail(
      mail.get('lider@example.org'),
      'Vecinos del Atoyac adoptó «Rutas de recolección»',
      link,
    );
    expectEmail(
      mail.get('colin.avisos@example.org'),
      'Vecinos del Atoyac adopted “Rutas de recolección”',
      link,
    );

    // Another organization adopts it too: now the reviewer hears of it, and its member does not.
    await db().delete(outbox);
    const second = await post(otherMember.person, path, {
      organizationId: otherOrganization.id,
      since: yesterday(),
      evidenceUrl: 'https://example.org/cabildo',
    });
    assert.equal(second.status, 303);
    await expectOutbox(
      'adoption',
      'adoption-recorded',
      [
        ...teamRows(),
        ['colin.avisos@example.org', 'pending', 'en'],
        ['proponente@example.org', 'pending', 'es'],
        ['revisora@example.org', 'pending', 'es'],
      ],
      otherMember.user,
    );
  });

  it("tells a challenge's watchers of a team's progress, the team excepted, in each watcher's digest unless they chose otherwise", async () => {
    const challenge = await newChallenge('Huertos urbanos', 'in_progress');
    // A team of two here: the quiet and the digest members only watch.
    const proposal = await makeTeamProposal(db(), challenge, {
      status: 'in_progress',
      title: 'Huerto en la azotea',
      lead: lead.user,
      members: [teammate],
    });
    for (const person of [reviewer, otherMember, stranger, lead]) {
      const response = await post(person.person, `/retos/${challenge.slug}/seguir`);
      assert.equal(response.status, 303);
    }
    await db()
      .insert(watches)
      .values(
        [quiet, digester, teammate].map((user) => ({ userId: user.id, challengeId: challenge.id })),
      );
    await prefer(reviewer.user, 'challenge_progress', 'immediate');
    await prefer(otherMember.user, 'challenge_progress', 'immediate');

    const response = await post(lead.person, `/propuestas/${proposal.id}/avances`, {
      body: 'Sembramos las primeras diez macetas.',
      milestone: 'Piloto',
    });
    assert.equal(response.status, 303);

    // The stranger never chose: progress waits for the daily digest by default.
    await expectOutbox(
      'challenge_progress',
      'challenge-progress',
      [
        ['revisora@example.org', 'pending', 'es'],
        ['cholula@example.org', 'pending', 'en'],
        ['ajena@example.org', 'digest', 'es'],
        ['resumen@example.org', 'digest', 'es'],
      ],
      lead.user,
    );
    const mail = await deliver();
    assert.deepEqual([...mail.keys()].sort(), ['cholula@example.org', 'revisora@example.org']);
    const path = `/propuestas/${proposal.id}`;
    expectEmail(mail.get('revisora@example.org'), 'Avances en «Huertos urbanos»', path);
    expectEmail(mail.get('cholula@example.org'), 'Progress on “Huertos urbanos”', path);
    assert.match(mail.get('revisora@example.org')!.text, /Sembramos las primeras diez macetas\./);
    assert.match(mail.get('revisora@example.org')!.text, /Hito: Piloto/);
    const waiting = await db().select().from(outbox).where(eq(outbox.status, 'digest'));
    assert.deepEqual(waiting.map((row) => row.toAddress).sort(), [
      'ajena@example.org',
      'resumen@example.org',
    ]);
  });

  it("tells an organization's members that a moderator verified it, the moderator excepted, and nothing when it is unverified", async () => {
    const office = await makeOrganization(db(), {
      name: 'Secretaría de Movilidad',
      kind: 'government',
    });
    await addMembership(db(), office, moderator.user);
    await makeMember(db(), office, { email: 'movilidad@example.org' });
    await makeMember(db(), office, { email: 'mobility@example.org', locale: 'en' });
    await addMembership(db(), office, quiet);
    await addMembership(db(), office, digester);
    const path = `/organizaciones/${office.slug}`;

    const response = await post(moderator.person, `${path}/verificacion`, { action: 'verify' });
    assert.equal(response.status, 303);
    await expectOutbox(
      'organization_verified',
      'organization-verified',
      [
        ['movilidad@example.org', 'pending', 'es'],
        ['mobility@example.org', 'pending', 'en'],
        ['resumen@example.org', 'digest', 'es'],
      ],
      moderator.user,
    );
    const mail = await deliver();
    assert.equal(mail.size, 2);
    expectEmail(
      mail.get('movilidad@example.org'),
      'Secretaría de Movilidad ya está verificada en Retos',
      path,
    );
    expectEmail(
      mail.get('mobility@example.org'),
      'Secretaría de Movilidad is now verified on Retos',
      path,
    );

    await db().delete(outbox);
    const removed = await post(moderator.person, `${path}/verificacion`, { action: 'unverify' });
    assert.equal(removed.status, 303);
    assert.deepEqual(await outboxRows(), [], 'removing the verification tells nobody');
  });

  it('drops the unsent emails of a deleted account, keeps the record of those sent, and lists them in the data export before', async () => {
    const club = await makeOrganization(db(), { name: 'Club de Lectura' });
    const leaving = await signedIn(test, 'me-voy@example.org', { organization: club });
    const staying = await makeMember(db(), club, { email: 'me-quedo@example.org' });
    const clubPath = `/organizaciones/${club.slug}/verificacion`;
    // A verification, sent; then another one (after an unverification), not sent yet.
    assert.equal((await post(moderator.person, clubPath, { action: 'verify' })).status, 303);
    await test.deliverMail();
    assert.equal((await post(moderator.person, clubPath, { action: 'unverify' })).status, 303);
    assert.equal((await post(moderator.person, clubPath, { action: 'verify' })).status, 303);
    // Progress on a challenge both follow, waiting for the digest.
    const challenge = await newChallenge('Bibliotecas abiertas', 'in_progress');
    const proposal = await makeTeamProposal(db(), challenge, {
      status: 'in_progress',
      lead: lead.user,
    });
    assert.equal((await post(leaving.person, `/retos/${challenge.slug}/seguir`)).status, 303);
    await db().insert(watches).values({ userId: staying.id, challengeId: challenge.id });
    const progress = await post(lead.person, `/propuestas/${proposal.id}/avances`, {
      body: 'Abrimos los sábados.',
    });
    assert.equal(progress.status, 303);
    await prefer(leaving.user, 'discussion', 'never');

    const statusesOf = async (user: User) =>
      (await db().select().from(outbox).where(eq(outbox.recipientId, user.id)))
        .map((row) => `${row.kind}:${row.status}`)
        .sort();
    const expected = [
      'challenge_progress:digest',
      'organization_verified:pending',
      'organization_verified:sent',
    ];
    assert.deepEqual(await statusesOf(leaving.user), expected);
    assert.deepEqual(await statusesOf(staying), expected);

    const exported = await leaving.person.get('/cuenta/datos');
    assert.equal(exported.status, 200);
    const data = JSON.parse(exported.text) as {
      notificationPreferences: Record<string, string>;
      emailsToYou: { kind: string; toAddress: string; status: string }[];
    };
    assert.equal(data.notificationPreferences.discussion, 'never');
    assert.equal(data.notificationPreferences.challenge_progress, 'daily');
    assert.equal(data.notificationPreferences.organization_verified, 'immediate');
    assert.deepEqual(
      data.emailsToYou.map((email) => `${email.kind}:${email.status}`).sort(),
      // Also the sign-in link that went to their address before the account pointed at it.
      [...expected, 'sign_in:sent'],
    );
    assert.ok(data.emailsToYou.every((email) => email.toAddress === 'me-voy@example.org'));

    const form = await leaving.person.get('/cuenta/eliminar');
    const deleted = await leaving.person.postForm('/cuenta/eliminar', {
      _csrf: csrfTokenIn(form.text),
      confirm: 'on',
    });
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.location, '/cuenta/eliminada');

    assert.deepEqual(await statusesOf(leaving.user), ['organization_verified:sent']);
    assert.deepEqual(await statusesOf(staying), expected, "others' emails stay");
    test.mail.length = 0;
    await test.deliverMail();
    assert.deepEqual(
      test.mail.map((mail) => mail.to),
      ['me-quedo@example.org'],
      'nothing more goes to the deleted account',
    );
  });
});

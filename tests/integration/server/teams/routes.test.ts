import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  proposalMembers,
  users,
  type Proposal,
  type User,
} from '../../../../models/schema/index.ts';
import { makeUser } from '../../../support/factories.ts';
import { addTeamMember, makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

describe('a proposal team', () => {
  let test: TestApp;
  let leadUser: User;
  let lead: Person;

  const signIn = async (user: User) => (await signInByEmail(test, user.email!)).person;
  const membersOf = (proposal: Proposal) =>
    test.database.db
      .select()
      .from(proposalMembers)
      .where(eq(proposalMembers.proposalId, proposal.id));

  async function invite(proposal: Proposal, login: string, as: Person = lead) {
    const page = await as.get(`/propuestas/${proposal.id}`);
    return as.postForm(`/propuestas/${proposal.id}/equipo`, {
      _csrf: csrfTokenIn(page.text),
      login,
    });
  }

  async function post(as: Person, proposal: Proposal, path: string, body = {}) {
    const page = await as.get('/');
    return as.postForm(`/propuestas/${proposal.id}${path}`, {
      _csrf: csrfTokenIn(page.text),
      ...body,
    });
  }

  before(async () => {
    test = await buildTestApp();
    leadUser = await makeVolunteer(test.database.db, { name: 'Itzel Ramírez' });
    lead = await signIn(leadUser);
  });
  after(() => test.close());

  it('invites a volunteer by GitHub login, whatever its case, and emails them in their language', async () => {
    const proposal = await makeProposal(test.database.db, {
      lead: leadUser,
      overrides: { title: 'Alertas de tandeo' },
    });
    const invitee = await makeVolunteer(test.database.db, {
      githubLogin: 'EmiTorres',
      locale: 'en',
      contactEmail: 'emi@example.org',
    });
    await test.deliverMail();
    const mailBefore = test.mail.length;
    const response = await invite(proposal, '@emitorres');
    assert.equal(response.status, 303);
    const rows = await membersOf(proposal);
    const row = rows.find((member) => member.userId === invitee.id)!;
    assert.equal(row.role, 'member');
    assert.equal(row.acceptedAt, null, 'an invitation waits for an answer');
    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, proposal.id), eq(auditEvents.action, 'proposal.invite')),
      );
    assert.equal(event!.actorId, leadUser.id);

    await test.deliverMail();
    const sent = test.mail.slice(mailBefore);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.to, 'emi@example.org', 'the contact address is preferred');
    assert.equal(sent[0]!.subject, 'Itzel Ramírez invites you to the team of “Alertas de tandeo”');
    assert.match(sent[0]!.text, new RegExp(`/propuestas/${proposal.id}`));
    assert.match(sent[0]!.html, /See the invitation/);

    const page = await lead.get(`/propuestas/${proposal.id}`);
    assert.match(page.text, /Invitaciones pendientes[\s\S]*@EmiTorres/);
  });

  it('names a living nameless person by their login in an invitation; only a deleted one reads as deleted', async () => {
    const db = test.database.db;
    const nameless = await makeVolunteer(db, {
      name: null,
      githubName: null,
      githubLogin: 'sin-nombre',
    });
    const proposal = await makeProposal(db, { lead: nameless });
    const invitee = await makeVolunteer(db, {
      name: null,
      githubName: null,
      githubLogin: 'invitada-x',
    });
    const gone = await makeVolunteer(db, { githubLogin: 'ya-no-esta' });
    await addTeamMember(db, proposal, invitee, { accepted: false });
    await addTeamMember(db, proposal, gone, { accepted: false });
    await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone.id));

    const work = await (await signIn(invitee)).get('/mi-trabajo');
    assert.match(work.text, /@sin-nombre te invitó a su equipo/);
    assert.doesNotMatch(work.text, /cuenta eliminada/);

    const page = await (await signIn(nameless)).get(`/propuestas/${proposal.id}`);
    const pending = page.text.slice(page.text.indexOf('Invitaciones pendientes'));
    assert.match(pending, /<a href="\/voluntarios\/invitada-x">@invitada-x<\/a>/);
    assert.equal(pending.match(/cuenta eliminada/g)?.length, 1, 'only the deleted account');
  });

  it('explains an unknown, deleted or non-GitHub login with 422, keeping what was typed', async () => {
    const proposal = await makeProposal(test.database.db, { lead: leadUser });
    await makeVolunteer(test.database.db, { githubLogin: 'se-fue', deletedAt: new Date() });
    await makeUser(test.database.db, { githubLogin: 'sin-github' });
    for (const login of ['nadie-asi', 'se-fue', 'sin-github']) {
      const response = await invite(proposal, login);
      assert.equal(response.status, 422, login);
      assert.ok(
        response.text.includes(`No hay nadie en Retos con el usuario de GitHub «${login}»`),
        login,
      );
      assert.match(response.text, new RegExp(`name="login"[^>]*value="${login}"`));
    }
    const invalid = await invite(proposal, 'no valido!');
    assert.equal(invalid.status, 422);
    assert.match(invalid.text, /Ese no es un usuario de GitHub válido/);
    assert.equal((await membersOf(proposal)).length, 1, 'only the lead');
  });

  it('refuses to invite the lead, a member or someone already invited', async () => {
    const proposal = await makeProposal(test.database.db, { lead: leadUser });
    const member = await makeVolunteer(test.database.db);
    const invited = await makeVolunteer(test.database.db);
    await addTeamMember(test.database.db, proposal, member);
    await addTeamMember(test.database.db, proposal, invited, { accepted: false });
    for (const [login, message] of [
      [leadUser.githubLogin!, 'ya está en el equipo'],
      [member.githubLogin!, 'ya está en el equipo'],
      [invited.githubLogin!, 'ya tiene una invitación pendiente'],
    ] as const) {
      const response = await invite(proposal, login);
      assert.equal(response.status, 422, login);
      assert.ok(response.text.includes(message), login);
    }
  });

  it('lets only the lead invite and remove', async () => {
    const proposal = await makeProposal(test.database.db, { lead: leadUser });
    const memberUser = await makeVolunteer(test.database.db);
    const other = await makeVolunteer(test.database.db);
    await addTeamMember(test.database.db, proposal, memberUser);
    const member = await signIn(memberUser);
    const refused = await invite(proposal, other.githubLogin!, member);
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Solo la persona que encabeza el equipo puede invitar/);
    const page = await member.get(`/propuestas/${proposal.id}`);
    assert.doesNotMatch(page.text, /name="login"/, 'members get no invitation form');

    const third = await makeVolunteer(test.database.db);
    await addTeamMember(test.database.db, proposal, third);
    const removeOther = await post(member, proposal, '/equipo/quitar', { userId: third.id });
    assert.equal(removeOther.status, 403);
    const removeLead = await post(member, proposal, '/equipo/quitar', { userId: leadUser.id });
    assert.equal(removeLead.status, 403);
    assert.equal((await membersOf(proposal)).length, 3);

    const removed = await post(lead, proposal, '/equipo/quitar', { userId: third.id });
    assert.equal(removed.status, 303);
    assert.deepEqual(
      (await membersOf(proposal)).map((row) => row.userId).sort(),
      [leadUser.id, memberUser.id].sort(),
    );
    const leadItself = await post(lead, proposal, '/equipo/quitar', { userId: leadUser.id });
    assert.equal(leadItself.status, 403, 'the lead cannot leave their own team');

    const left = await post(member, proposal, '/equipo/quitar', { userId: memberUser.id });
    assert.equal(left.status, 303, 'a member may leave');
    assert.equal((await membersOf(proposal)).length, 1);
  });

  it('lets the invitee see the draft, accept and then edit it', async () => {
    const proposal = await makeProposal(test.database.db, {
      lead: leadUser,
      overrides: { title: 'Biblioteca libre' },
    });
    const inviteeUser = await makeVolunteer(test.database.db);
    const invitee = await signIn(inviteeUser);
    assert.equal((await invite(proposal, inviteeUser.githubLogin!)).status, 303);

    const page = await invitee.get(`/propuestas/${proposal.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Te invitaron a este equipo/);
    assert.doesNotMatch(page.text, /Invitaciones pendientes/, 'the pending list is the team’s');
    assert.equal((await invitee.get(`/propuestas/${proposal.id}/editar`)).status, 403);

    const accepted = await invitee.postForm(`/propuestas/${proposal.id}/equipo/aceptar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(accepted.status, 303);
    const [row] = await test.database.db
      .select()
      .from(proposalMembers)
      .where(
        and(
          eq(proposalMembers.proposalId, proposal.id),
          eq(proposalMembers.userId, inviteeUser.id),
        ),
      );
    assert.ok(row!.acceptedAt);
    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, proposal.id), eq(auditEvents.action, 'proposal.joinTeam')),
      );
    assert.equal(event!.actorId, inviteeUser.id);

    const after = await invitee.get(`/propuestas/${proposal.id}`);
    assert.doesNotMatch(after.text, /Te invitaron a este equipo/);
    assert.match(after.text, new RegExp(`href="/voluntarios/${inviteeUser.githubLogin}"`));
    assert.equal((await invitee.get(`/propuestas/${proposal.id}/editar`)).status, 200);
    const again = await invitee.postForm(`/propuestas/${proposal.id}/equipo/aceptar`, {
      _csrf: csrfTokenIn(after.text),
    });
    assert.equal(again.status, 403, 'an invitation is answered once');
  });

  it('lets the invitee decline, after which a draft is hidden from them again', async () => {
    const proposal = await makeProposal(test.database.db, { lead: leadUser });
    const inviteeUser = await makeVolunteer(test.database.db);
    const invitee = await signIn(inviteeUser);
    assert.equal((await invite(proposal, inviteeUser.githubLogin!)).status, 303);
    const page = await invitee.get(`/propuestas/${proposal.id}`);
    const declined = await invitee.postForm(`/propuestas/${proposal.id}/equipo/rechazar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(declined.status, 303);
    assert.equal((await membersOf(proposal)).length, 1);
    assert.equal((await invitee.get(`/propuestas/${proposal.id}`)).status, 404);
  });

  it('does not let someone who was not invited accept', async () => {
    const proposal = await makeProposal(test.database.db, {
      lead: leadUser,
      overrides: { status: 'submitted' },
    });
    const stranger = await signIn(await makeVolunteer(test.database.db));
    const response = await post(stranger, proposal, '/equipo/aceptar');
    assert.equal(response.status, 403);
    assert.equal((await membersOf(proposal)).length, 1);
  });

  it('closes the team once the proposal is no longer alive', async () => {
    const proposal = await makeProposal(test.database.db, {
      lead: leadUser,
      overrides: { status: 'delivered' },
    });
    const invitee = await makeVolunteer(test.database.db);
    const response = await invite(proposal, invitee.githubLogin!);
    assert.equal(response.status, 403);
    assert.deepEqual(
      (await membersOf(proposal)).map((row) => row.userId),
      [leadUser.id],
    );
    const page = await lead.get(`/propuestas/${proposal.id}`);
    assert.doesNotMatch(page.text, /name="login"/);
  });
});

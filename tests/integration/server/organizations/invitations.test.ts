import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  organizationInvitations,
  users,
  type Organization,
} from '../../../../models/schema/index.ts';
import { makeOrganization } from '../../../support/factories.ts';
import {
  auditEventsFor,
  makeInvitation,
  relaxedLimits,
  roleIn,
  signedIn,
  userByEmail,
} from '../../../support/organization-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import {
  buildTestApp,
  capturingMailer,
  csrfTokenIn,
  visitor,
  type TestApp,
} from '../../../support/test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('organization invitations', () => {
  let test: TestApp;
  let organization: Organization;
  let path: string;
  let owner: Awaited<ReturnType<typeof signedIn>>;

  before(async () => {
    test = await buildTestApp(relaxedLimits);
    organization = await makeOrganization(test.database.db, {
      name: 'Red de Huertos Urbanos',
      kind: 'ngo',
    });
    path = `/organizaciones/${organization.slug}`;
    owner = await signedIn(test, 'responsable@example.org', {
      organization,
      role: 'owner',
      name: 'Carmen Ruiz',
    });
  });
  after(() => test.close());

  /** Posts the form, then lets the outbox deliver what it wrote. */
  async function invite(email: string, as = owner) {
    const page = await as.person.get(`${path}/miembros`).expect(200);
    const response = await as.person.postForm(`${path}/invitaciones`, {
      _csrf: csrfTokenIn(page.text),
      email,
    });
    await test.deliverMail();
    return response;
  }

  function tokenSentTo(email: string): string {
    const message = [...test.mail].reverse().find((sent) => sent.to === email);
    assert.ok(message, `an email was sent to ${email}`);
    const match = new RegExp(`${test.config.baseUrl}/invitaciones/([\\w-]+)`).exec(message.text);
    assert.ok(match, 'the email has the invitation link');
    return match[1]!;
  }

  it('emails a single-use link, stores only its hash, and audits the invitation', async () => {
    const sentBefore = test.mail.length;
    const response = await invite('  Nueva.Persona@Example.org ');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `${path}/miembros?aviso=invitacion-enviada`);
    assert.equal(test.mail.length, sentBefore + 1);
    const message = test.mail.at(-1)!;
    assert.equal(message.to, 'nueva.persona@example.org');
    assert.equal(message.subject, 'Te invitaron a Red de Huertos Urbanos en Retos');
    assert.match(message.text, /Carmen Ruiz te invita a unirte a Red de Huertos Urbanos/);
    assert.match(message.text, /caduca en 14 días/);
    assert.match(message.html, /<html lang="es">/);
    const token = tokenSentTo('nueva.persona@example.org');

    const [row] = await test.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.email, 'nueva.persona@example.org'));
    assert.notEqual(row!.tokenHash, token);
    assert.doesNotMatch(JSON.stringify(row), new RegExp(token));
    assert.equal(row!.invitedById, owner.user.id);
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / DAY_MS;
    assert.ok(Math.abs(days - 14) < 0.01, `expires in 14 days, not ${days}`);
    const [event] = await auditEventsFor(test.database.db, row!.id, 'invitation.create');
    assert.equal(event!.actorId, owner.user.id);
    assert.equal((event!.after as { email: string }).email, 'nueva.persona@example.org');

    const page = await owner.person.get(response.headers.location).expect(200);
    assert.match(page.text, /Enviamos la invitación\./);
    assert.match(page.text, /<strong>nueva.persona@example.org<\/strong>/);
    assert.match(page.text, new RegExp(`invitaciones/${row!.id}/revocar`));
  });

  it('takes a visitor who is not signed in to sign in and back, then lets them join once', async () => {
    await invite('invitada@example.org');
    const token = tokenSentTo('invitada@example.org');
    const link = `/invitaciones/${token}`;

    const anonymous = await visitor(test.app).get(link).expect(200);
    assert.match(anonymous.text, /Invitación a Red de Huertos Urbanos/);
    assert.match(
      anonymous.text,
      /Carmen Ruiz te invitó a unirte a Red de Huertos Urbanos en Retos/,
    );
    assert.match(
      anonymous.text,
      /entra con el correo al que llegó la invitación, invitada@example.org/,
    );
    assert.match(
      anonymous.text,
      /<input id="email" name="email"[^>]* value="invitada@example.org"/,
    );
    assert.match(anonymous.text, new RegExp(`name="volver" value="${link}"`));
    // Handlebars writes the = of the GitHub link's query as &#x3D;.
    const githubLink = `/auth/github\\?volver(=|&#x3D;)${encodeURIComponent(link)}"`;
    assert.match(anonymous.text, new RegExp(githubLink));
    assert.doesNotMatch(anonymous.text, /Aceptar la invitación/);

    const { person, redirectedTo } = await signInByEmail(test, 'invitada@example.org', link);
    // Asked their name once, then back to the invitation.
    assert.equal(redirectedTo, `/entrar/nombre?volver=${encodeURIComponent(link)}`);
    const prompt = await person.get(redirectedTo).expect(200);
    const named = await person.postForm('/entrar/nombre', {
      _csrf: csrfTokenIn(prompt.text),
      volver: link,
      name: 'Invitada Nueva',
    });
    assert.equal(named.headers.location, link);
    const page = await person.get(link).expect(200);
    assert.match(page.text, /Invitación a Red de Huertos Urbanos/);
    assert.match(page.text, /Organización civil/);
    assert.match(page.text, /Aceptar la invitación/);
    assert.doesNotMatch(page.text, /Esta invitación se envió a/);

    const accepted = await person.postForm(link, { _csrf: csrfTokenIn(page.text) });
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.location, `${path}?aviso=bienvenida`);
    const invitee = await userByEmail(test.database.db, 'invitada@example.org');
    assert.equal(await roleIn(test.database.db, organization, invitee), 'member');
    const [row] = await test.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.email, 'invitada@example.org'));
    assert.ok(row!.acceptedAt);
    assert.equal(row!.acceptedById, invitee.id);
    const [event] = await auditEventsFor(test.database.db, row!.id, 'invitation.accept');
    assert.equal(event!.actorId, invitee.id);
    assert.equal(event!.organizationId, organization.id);

    const welcome = await person.get(accepted.headers.location).expect(200);
    assert.match(welcome.text, /Ya eres miembro de esta organización/);

    const again = await person.postForm(link, { _csrf: csrfTokenIn(page.text) });
    assert.equal(again.status, 410);
    assert.match(again.text, /Esta invitación ya no sirve/);
    assert.equal((await person.get(link)).status, 410);
  });

  it('tells someone signed in with another address whom the link was for', async () => {
    const { token } = await makeInvitation(test.database.db, organization, {
      email: 'destinataria@example.org',
    });
    const other = await signedIn(test, 'otra-persona@example.org');
    const page = await other.person.get(`/invitaciones/${token}`).expect(200);
    assert.match(page.text, /Esta invitación se envió a destinataria@example.org/);
  });

  it('lets only the invited address join, and shows anyone else how to sign in with it', async () => {
    const { token, invitation } = await makeInvitation(test.database.db, organization, {
      email: 'oficina@example.org',
    });
    const link = `/invitaciones/${token}`;
    const forwarded = await signedIn(test, 'reenviado@example.org');
    const page = await forwarded.person.get(link).expect(200);
    assert.match(page.text, /Esta invitación se envió a oficina@example.org/);
    assert.match(page.text, /sal de esta cuenta y entra con oficina@example.org/);
    assert.doesNotMatch(page.text, /Aceptar la invitación/);

    const posted = await forwarded.person.postForm(link, { _csrf: csrfTokenIn(page.text) });
    assert.equal(posted.status, 403);
    assert.match(posted.text, /Esta invitación se envió a oficina@example.org/);
    assert.equal(await roleIn(test.database.db, organization, forwarded.user), undefined);
    const [row] = await test.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.id, invitation.id));
    assert.equal(row!.acceptedAt, null, 'the link still works for the invited address');

    // "Sign out and sign in with that address" lands on the invitation's own sign-in page.
    const out = await forwarded.person.postForm('/salir', {
      _csrf: csrfTokenIn(page.text),
      volver: link,
    });
    assert.equal(out.status, 303);
    assert.equal(out.headers.location, link);
    const signIn = await forwarded.person.get(link).expect(200);
    assert.match(signIn.text, /<input id="email" name="email"[^>]* value="oficina@example.org"/);
  });

  it('matches the invited address whatever its capitals', async () => {
    const { token } = await makeInvitation(test.database.db, organization, {
      email: 'Mayusculas@Example.ORG',
    });
    const invitee = await signedIn(test, 'mayusculas@example.org');
    const page = await invitee.person.get(`/invitaciones/${token}`).expect(200);
    const accepted = await invitee.person.postForm(`/invitaciones/${token}`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(accepted.status, 303);
    assert.equal(await roleIn(test.database.db, organization, invitee.user), 'member');
  });

  it('refuses an expired link with 410 and adds nobody', async () => {
    const { token } = await makeInvitation(test.database.db, organization, {
      expiresAt: new Date(Date.now() - 60_000),
    });
    const late = await signedIn(test, 'tarde@example.org');
    const page = await late.person.get(`/invitaciones/${token}`);
    assert.equal(page.status, 410);
    const accept = await late.person.postForm(`/invitaciones/${token}`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(accept.status, 410);
    assert.equal(await roleIn(test.database.db, organization, late.user), undefined);
  });

  it('lets the owner revoke a pending invitation, which kills its link', async () => {
    await invite('revocada@example.org');
    const token = tokenSentTo('revocada@example.org');
    const [row] = await test.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.email, 'revocada@example.org'));
    const page = await owner.person.get(`${path}/miembros`).expect(200);
    const revoked = await owner.person.postForm(`${path}/invitaciones/${row!.id}/revocar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(revoked.status, 303);
    assert.equal(revoked.headers.location, `${path}/miembros?aviso=invitacion-revocada`);
    const [event] = await auditEventsFor(test.database.db, row!.id, 'invitation.revoke');
    assert.equal(event!.actorId, owner.user.id);
    const list = await owner.person.get(`${path}/miembros`).expect(200);
    assert.doesNotMatch(list.text, /revocada@example.org/);

    const invitee = await signedIn(test, 'revocada@example.org');
    assert.equal((await invitee.person.get(`/invitaciones/${token}`)).status, 410);
    const again = await owner.person.postForm(`${path}/invitaciones/${row!.id}/revocar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(again.status, 404, 'an invitation is revoked once');
  });

  it('replaces a pending invitation when the same address is invited again', async () => {
    await invite('dos-veces@example.org');
    const first = tokenSentTo('dos-veces@example.org');
    await invite('dos-veces@example.org');
    const second = tokenSentTo('dos-veces@example.org');
    assert.notEqual(first, second);
    const invitee = await signedIn(test, 'dos-veces@example.org');
    assert.equal((await invitee.person.get(`/invitaciones/${first}`)).status, 410);
    assert.equal((await invitee.person.get(`/invitaciones/${second}`)).status, 200);
  });

  it('greets a member who opens an invitation kindly and leaves the link unused', async () => {
    const member = await signedIn(test, 'ya-miembro@example.org', { organization, role: 'member' });
    const { token, invitation } = await makeInvitation(test.database.db, organization);
    const page = await member.person.get(`/invitaciones/${token}`).expect(200);
    assert.match(page.text, /Ya eres miembro de Red de Huertos Urbanos/);
    assert.doesNotMatch(page.text, /Aceptar la invitación/);
    const posted = await member.person.postForm(`/invitaciones/${token}`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(posted.status, 200);
    assert.match(posted.text, /Ya eres miembro/);
    const [row] = await test.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.id, invitation.id));
    assert.equal(row!.acceptedAt, null);
    assert.equal(await roleIn(test.database.db, organization, member.user), 'member');
  });

  it('refuses to invite a member again or an invalid address, with 422 and the value typed', async () => {
    await signedIn(test, 'socia@example.org', { organization, role: 'member' });
    const sentBefore = test.mail.length;
    const member = await invite('Socia@example.org');
    assert.equal(member.status, 422);
    assert.match(member.text, /Esa persona ya es miembro de la organización\./);
    assert.match(member.text, /value="Socia@example.org"/);
    const invalid = await invite('no-es-correo');
    assert.equal(invalid.status, 422);
    assert.match(invalid.text, /Escribe un correo electrónico válido/);
    const emailInput = invalid.text.match(/<input id="email"[^>]*>/)?.[0] ?? '';
    assert.match(emailInput, / aria-invalid="true"/);
    // The hint states the limit, then the error says what is wrong.
    assert.match(emailInput, / aria-describedby="email-hint email-error"/);
    assert.match(emailInput, / maxlength="254"/);
    assert.match(invalid.text, /value="no-es-correo"/);
    assert.equal(test.mail.length, sentBefore);
  });

  it('lets only owners invite and revoke', async () => {
    const member = await signedIn(test, 'solo-miembro@example.org', {
      organization,
      role: 'member',
    });
    const outsider = await signedIn(test, 'de-fuera@example.org');
    const sentBefore = test.mail.length;
    assert.equal((await invite('alguien@example.org', member)).status, 403);
    const page = await outsider.person.get(path).expect(200);
    const byOutsider = await outsider.person.postForm(`${path}/invitaciones`, {
      _csrf: csrfTokenIn(page.text),
      email: 'alguien@example.org',
    });
    assert.equal(byOutsider.status, 403);
    assert.equal(test.mail.length, sentBefore);

    const { invitation } = await makeInvitation(test.database.db, organization);
    const memberPage = await member.person.get(`${path}/miembros`).expect(200);
    const revoke = await member.person.postForm(`${path}/invitaciones/${invitation.id}/revocar`, {
      _csrf: csrfTokenIn(memberPage.text),
    });
    assert.equal(revoke.status, 403);
    const [row] = await test.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.id, invitation.id));
    assert.equal(row!.revokedAt, null);
  });

  it('writes to people who have an account in their own language', async () => {
    const english = await signedIn(test, 'english-reader@example.org');
    await test.database.db.update(users).set({ locale: 'en' }).where(eq(users.id, english.user.id));
    await invite('english-reader@example.org');
    const message = test.mail.at(-1)!;
    assert.equal(message.subject, 'You are invited to join Red de Huertos Urbanos on Retos');
    assert.match(message.text, /expires in 14 days/);
    assert.match(message.html, /<html lang="en">/);
  });

  it('sends nothing and changes nothing when the form comes without its CSRF token', async () => {
    const sentBefore = test.mail.length;
    const response = await owner.person.postForm(`${path}/invitaciones`, {
      email: 'sin-csrf@example.org',
    });
    assert.equal(response.status, 403);
    await test.deliverMail();
    assert.equal(test.mail.length, sentBefore);
    const rows = await test.database.db
      .select()
      .from(organizationInvitations)
      .where(eq(organizationInvitations.email, 'sin-csrf@example.org'));
    assert.equal(rows.length, 0);
  });
});

describe('an invitation whose email cannot be sent at first', () => {
  it('is kept in the outbox and reaches the invitee once the mail server answers again', async () => {
    const captured = capturingMailer();
    let serverDown = true;
    const test = await buildTestApp({
      ...relaxedLimits,
      mailer: {
        send: async (email) => {
          if (serverDown && email.subject.includes('invitaron')) {
            throw new Error('SMTP server down');
          }
          await captured.send(email);
        },
      },
    });
    try {
      const organization = await makeOrganization(test.database.db);
      const path = `/organizaciones/${organization.slug}`;
      const owner = await signedIn({ ...test, mail: captured.sent }, 'sin-correo@example.org', {
        organization,
        role: 'owner',
      });
      const page = await owner.person.get(`${path}/miembros`).expect(200);
      const response = await owner.person.postForm(`${path}/invitaciones`, {
        _csrf: csrfTokenIn(page.text),
        email: 'perdida@example.org',
      });
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, `${path}/miembros?aviso=invitacion-enviada`);
      const shown = await owner.person.get(response.headers.location).expect(200);
      assert.match(shown.text, /<strong>perdida@example.org<\/strong>/);

      assert.deepEqual(await test.deliverMail(), { sent: 0, retrying: 1, failed: 0 });
      assert.equal(captured.sent.filter((mail) => mail.to === 'perdida@example.org').length, 0);
      serverDown = false;
      const later = new Date(Date.now() + 60 * 60 * 1000);
      assert.deepEqual(await test.deliverMail({ now: () => later }), {
        sent: 1,
        retrying: 0,
        failed: 0,
      });
      const delivered = captured.sent.filter((mail) => mail.to === 'perdida@example.org');
      assert.equal(delivered.length, 1);
      assert.match(delivered[0]!.text, new RegExp(`${test.config.baseUrl}/invitaciones/[\\w-]+`));
    } finally {
      await test.close();
    }
  });
});

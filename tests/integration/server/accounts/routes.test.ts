import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { auditEvents, memberships, sessions, users } from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { relaxedLimits } from '../../../support/organization-factories.ts';
import { signInByEmail, signInLinkFor } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

describe('/cuenta', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('sends visitors who are not signed in to sign in, and back', async () => {
    const response = await visitor(test.app).get('/cuenta/datos');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/entrar?volver=%2Fcuenta%2Fdatos');
  });

  it('saves the profile and uses the preferred language', async () => {
    const { person } = await signInByEmail(test, 'perfil@example.org');
    const form = await person.get('/cuenta').expect(200);
    const saved = await person.postForm('/cuenta', {
      _csrf: csrfTokenIn(form.text),
      name: 'Marisol Pérez',
      bio: 'Bibliotecaria en Oaxaca.',
      skills: 'datos abiertos, diseño,  datos abiertos , ',
      locale: 'en',
      contactEmail: 'Avisos@Example.org',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, '/cuenta?guardado=1');
    const [user] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'perfil@example.org'));
    assert.equal(user!.name, 'Marisol Pérez');
    assert.deepEqual(user!.skills, ['datos abiertos', 'diseño']);
    assert.equal(user!.locale, 'en');
    assert.equal(user!.contactEmail, 'avisos@example.org');
    const page = await person.get('/cuenta?guardado=1').set('Accept-Language', 'es');
    assert.match(page.text, /<html lang="en">/);
    assert.match(page.text, /Your changes were saved/);
  });

  it('refuses an invalid profile with 422, keeping what was typed and changing nothing', async () => {
    const { person } = await signInByEmail(test, 'invalido@example.org');
    const form = await person.get('/cuenta').expect(200);
    const response = await person.postForm('/cuenta', {
      _csrf: csrfTokenIn(form.text),
      name: '',
      bio: 'Mi presentación',
      skills: 'uno, dos',
      locale: 'es',
      contactEmail: 'no-es-correo',
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Escribe tu nombre\./);
    assert.match(response.text, /Escribe un correo electrónico válido/);
    assert.match(response.text, />Mi presentación<\/textarea>/);
    assert.match(response.text, /value="uno, dos"/);
    assert.match(response.text, /value="no-es-correo"/);
    const [user] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'invalido@example.org'));
    assert.equal(user!.bio, '');
  });

  it('signs out only with a CSRF token', async () => {
    const { person } = await signInByEmail(test, 'salir@example.org');
    const refused = await person.postForm('/salir', {});
    assert.equal(refused.status, 403);
    const page = await person.get('/cuenta').expect(200);
    const out = await person.postForm('/salir', { _csrf: csrfTokenIn(page.text) });
    assert.equal(out.status, 303);
    assert.equal(out.headers.location, '/');
    assert.equal((await person.get('/cuenta')).status, 303);
  });
});

describe('data rights', () => {
  let test: TestApp;
  before(async () => {
    // Every sign-in request sends a link, so a test can hold one unused.
    test = await buildTestApp(relaxedLimits);
  });
  after(() => test.close());

  async function memberWithChallenge(email: string) {
    const { person } = await signInByEmail(test, email);
    const [user] = await test.database.db.select().from(users).where(eq(users.email, email));
    const organization = await makeOrganization(test.database.db, { name: 'Colectivo Río Limpio' });
    await test.database.db
      .insert(memberships)
      .values({ organizationId: organization.id, userId: user!.id });
    await test.database.db
      .update(users)
      .set({ name: 'Julia Hernández', bio: 'Vecina', skills: ['mapas'] })
      .where(eq(users.id, user!.id));
    const challenge = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      authorId: user!.id,
      title: 'Basura en el arroyo',
    });
    return { person, user: user!, organization, challenge };
  }

  it('exports everything stored about the person as JSON', async () => {
    const { person, user } = await memberWithChallenge('exporta@example.org');
    const response = await person.get('/cuenta/datos');
    assert.equal(response.status, 200);
    assert.match(response.type, /json/);
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="?retos-mis-datos\.json"?/,
    );
    const data = JSON.parse(response.text);
    assert.equal(data.account.id, user.id);
    assert.equal(data.account.email, 'exporta@example.org');
    assert.equal(data.account.name, 'Julia Hernández');
    assert.deepEqual(data.account.skills, ['mapas']);
    assert.equal(data.organizations[0].organization.name, 'Colectivo Río Limpio');
    assert.equal(data.challengesWritten[0].title, 'Basura en el arroyo');
    assert.equal(data.signInLinks.length, 1);
    assert.ok(data.signInLinks[0].usedAt);
    assert.doesNotMatch(response.text, /tokenHash|token_hash/);
  });

  it('asks for confirmation before deleting', async () => {
    const { person } = await signInByEmail(test, 'duda@example.org');
    const page = await person.get('/cuenta/eliminar').expect(200);
    const response = await person.postForm('/cuenta/eliminar', { _csrf: csrfTokenIn(page.text) });
    assert.equal(response.status, 422);
    assert.match(response.text, /Marca la casilla/);
    assert.equal((await person.get('/cuenta')).status, 200, 'still signed in');
  });

  it('erases every personal field, ends every session, and shows their posts as a deleted account', async () => {
    const { person, user, challenge } = await memberWithChallenge('borrar@example.org');
    await test.database.db
      .update(users)
      .set({
        githubId: 31337,
        githubLogin: 'julia-h',
        githubName: 'Julia',
        avatarUrl: 'https://a.example/1',
        contactEmail: 'otra@example.org',
      })
      .where(eq(users.id, user.id));
    const otherDevice = await signInByEmail(test, 'borrar@example.org');

    const page = await person.get('/cuenta/eliminar').expect(200);
    const response = await person.postForm('/cuenta/eliminar', {
      _csrf: csrfTokenIn(page.text),
      confirm: 'on',
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/cuenta/eliminada');

    const [row] = await test.database.db.select().from(users).where(eq(users.id, user.id));
    assert.ok(row!.deletedAt);
    for (const field of [
      'name',
      'email',
      'contactEmail',
      'githubId',
      'githubLogin',
      'githubName',
      'githubProfileUrl',
      'avatarUrl',
      'lastSignInAt',
    ] as const) {
      assert.equal(row![field], null, `${field} is erased`);
    }
    assert.equal(row!.bio, '');
    assert.deepEqual(row!.skills, []);
    const [{ n }] = (await test.database.db
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.userId, user.id))) as [{ n: number }];
    assert.equal(Number(n), 0);
    const remaining = await test.database.db.select().from(sessions);
    assert.ok(remaining.every((session) => !JSON.stringify(session.data).includes(user.id)));

    assert.equal((await person.get('/cuenta')).status, 303);
    assert.equal((await otherDevice.person.get('/cuenta')).status, 303, 'other sessions end too');

    const shown = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    assert.match(shown.text, /Escrito por cuenta eliminada/);
    assert.doesNotMatch(shown.text, /Julia/);
    assert.equal((await visitor(test.app).get('/voluntarios/julia-h')).status, 404);
    const english = await visitor(test.app).get(`/retos/${challenge.slug}?lang=en`);
    assert.match(english.text, /Written by deleted account/);
  });

  it('records the download in the audit trail, without quoting the data', async () => {
    const { person, user } = await memberWithChallenge('auditada@example.org');
    await person.get('/cuenta/datos').expect(200);
    const events = await test.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, user.id), eq(auditEvents.action, 'account.export')));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.subjectType, 'account');
    assert.equal(events[0]!.subjectId, user.id);
    assert.equal(events[0]!.before, null);
    assert.equal(events[0]!.after, null);
  });

  it('records the deletion of an account in the audit log, quoting nothing of it', async () => {
    const { person, user } = await memberWithChallenge('se-borra@example.org');
    const form = await person.get('/cuenta/eliminar').expect(200);
    const deleted = await person.postForm('/cuenta/eliminar', {
      _csrf: csrfTokenIn(form.text),
      confirm: 'on',
    });
    assert.equal(deleted.status, 303);
    const events = await test.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, user.id), eq(auditEvents.action, 'account.delete')));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.actorId, user.id);
    assert.equal(events[0]!.subjectType, 'account');
    assert.equal(events[0]!.before, null);
    assert.equal(events[0]!.after, null);
  });

  it("gives each person only their own data, never someone else's", async () => {
    const owner = await memberWithChallenge('duena-datos@example.org');
    const { person: someoneElse } = await signInByEmail(test, 'fisgona@example.org');
    const response = await someoneElse.get('/cuenta/datos').expect(200);
    const data = JSON.parse(response.text);
    assert.equal(data.account.email, 'fisgona@example.org');
    assert.deepEqual(data.organizations, []);
    assert.deepEqual(data.challengesWritten, []);
    assert.ok(!response.text.includes(owner.user.id));
    assert.ok(!response.text.includes('duena-datos@example.org'));
  });

  it('deletes only with a CSRF token', async () => {
    const { person } = await signInByEmail(test, 'sin-token@example.org');
    const response = await person.postForm('/cuenta/eliminar', { confirm: 'on' });
    assert.equal(response.status, 403);
    const [row] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'sin-token@example.org'));
    assert.equal(row!.deletedAt, null);
    assert.equal((await person.get('/cuenta')).status, 200, 'still signed in');
  });

  it('refuses the sign-in links sent before the account was deleted', async () => {
    const { person } = await signInByEmail(test, 'enlace-viejo@example.org');
    const other = visitor(test.app);
    await other
      .postForm('/entrar', {
        _csrf: await other.csrfToken('/entrar'),
        email: 'enlace-viejo@example.org',
      })
      .expect(200);
    const link = await signInLinkFor(test, 'enlace-viejo@example.org');

    const page = await person.get('/cuenta/eliminar').expect(200);
    await person
      .postForm('/cuenta/eliminar', { _csrf: csrfTokenIn(page.text), confirm: 'on' })
      .expect(303);

    const opened = await other.get(`${link.pathname}${link.search}`);
    assert.equal(opened.status, 410);
    const used = await other.postForm('/entrar/enlace', {
      _csrf: await other.csrfToken('/entrar'),
      token: link.searchParams.get('token')!,
    });
    assert.equal(used.status, 410);
    assert.equal((await other.get('/cuenta')).status, 303, 'not signed in');
  });
});

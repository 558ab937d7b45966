import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { memberships, type Organization } from '../../../../models/schema/index.ts';
import { makeOrganization } from '../../../support/factories.ts';
import {
  auditEventsFor,
  relaxedLimits,
  roleIn,
  signedIn,
} from '../../../support/organization-factories.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

describe('/organizaciones/:slug/miembros', () => {
  let test: TestApp;
  let organization: Organization;
  let path: string;
  let emailCounter = 0;
  const nextEmail = (who: string) => `${who}-${(emailCounter += 1)}@example.org`;

  before(async () => {
    test = await buildTestApp(relaxedLimits);
  });
  beforeEach(async () => {
    organization = await makeOrganization(test.database.db, { name: 'Huerto Comunitario' });
    path = `/organizaciones/${organization.slug}`;
  });
  after(() => test.close());

  const owner = () =>
    signedIn(test, nextEmail('duena'), { organization, role: 'owner', name: 'Ana Dueña' });
  const member = () =>
    signedIn(test, nextEmail('miembro'), { organization, role: 'member', name: 'Luis Miembro' });

  it('is for members only: visitors sign in, outsiders get 403', async () => {
    const anonymous = await visitor(test.app).get(`${path}/miembros`);
    assert.equal(anonymous.status, 303);
    assert.equal(
      anonymous.headers.location,
      `/entrar?volver=${encodeURIComponent(`${path}/miembros`)}`,
    );
    const outsider = await signedIn(test, nextEmail('ajena'));
    assert.equal((await outsider.person.get(`${path}/miembros`)).status, 403);
  });

  it('lists members with their roles; only owners see the invitation form and emails', async () => {
    const ana = await owner();
    const luis = await member();
    const asOwner = await ana.person.get(`${path}/miembros`).expect(200);
    assert.match(asOwner.text, new RegExp(`<strong>${ana.user.name}</strong>`));
    assert.match(asOwner.text, new RegExp(`<strong>${luis.user.name}</strong>`));
    assert.match(asOwner.text, /Responsable/);
    assert.match(asOwner.text, /Invitar a una persona/);
    assert.match(asOwner.text, new RegExp(luis.user.email!));
    assert.match(asOwner.text, new RegExp(`/miembros/${luis.user.id}/quitar`));

    const asMember = await luis.person.get(`${path}/miembros`).expect(200);
    assert.match(asMember.text, new RegExp(`<strong>${ana.user.name}</strong>`));
    assert.doesNotMatch(asMember.text, /Invitar a una persona/);
    assert.doesNotMatch(asMember.text, new RegExp(ana.user.email!));
    assert.doesNotMatch(asMember.text, /\/quitar"/);
    assert.match(asMember.text, new RegExp(`action="${path}/salir"`));
  });

  it('lets an owner remove a member, and audits it', async () => {
    const ana = await owner();
    const luis = await member();
    const page = await ana.person.get(`${path}/miembros`).expect(200);
    const response = await ana.person.postForm(`${path}/miembros/${luis.user.id}/quitar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `${path}/miembros?aviso=miembro-quitado`);
    assert.equal(await roleIn(test.database.db, organization, luis.user), undefined);
    const [event] = await auditEventsFor(test.database.db, luis.user.id, 'membership.remove');
    assert.equal(event!.actorId, ana.user.id);
    assert.equal(event!.organizationId, organization.id);
    assert.deepEqual(event!.before, { userId: luis.user.id, role: 'member' });
    assert.equal((await luis.person.get(`${path}/miembros`)).status, 403);
  });

  it('does not let a member remove anyone', async () => {
    const ana = await owner();
    const luis = await member();
    const page = await luis.person.get(`${path}/miembros`).expect(200);
    const response = await luis.person.postForm(`${path}/miembros/${ana.user.id}/quitar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(response.status, 403);
    assert.equal(await roleIn(test.database.db, organization, ana.user), 'owner');
  });

  it('answers a removal of someone who is not a member with 404', async () => {
    const ana = await owner();
    const outsider = await signedIn(test, nextEmail('fuera'));
    const page = await ana.person.get(`${path}/miembros`).expect(200);
    const notMember = await ana.person.postForm(`${path}/miembros/${outsider.user.id}/quitar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(notMember.status, 404);
    const malformed = await ana.person.postForm(`${path}/miembros/no-es-un-id/quitar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(malformed.status, 404);
  });

  it('lets any member leave, and audits it', async () => {
    await owner();
    const luis = await member();
    const page = await luis.person.get(`${path}/miembros`).expect(200);
    const response = await luis.person.postForm(`${path}/salir`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `${path}?aviso=saliste`);
    assert.equal(await roleIn(test.database.db, organization, luis.user), undefined);
    const [event] = await auditEventsFor(test.database.db, luis.user.id, 'membership.leave');
    assert.equal(event!.actorId, luis.user.id);
    const profile = await luis.person.get(response.headers.location).expect(200);
    assert.match(profile.text, /Saliste de la organización\./);
  });

  it('keeps the last owner from leaving or being removed, with a clear message', async () => {
    const ana = await owner();
    await member();
    const page = await ana.person.get(`${path}/miembros`).expect(200);
    assert.match(page.text, /Eres la única persona responsable/);
    assert.doesNotMatch(
      page.text,
      new RegExp(`action="${path}/salir"`),
      'no button that must fail',
    );
    const leaving = await ana.person.postForm(`${path}/salir`, { _csrf: csrfTokenIn(page.text) });
    assert.equal(leaving.status, 409);
    assert.match(leaving.text, /necesita al menos una persona responsable/);
    assert.match(leaving.text, /<h1>Miembros<\/h1>/, 'the members page, not an error page');
    const removing = await ana.person.postForm(`${path}/miembros/${ana.user.id}/quitar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(removing.status, 409);
    const demoting = await ana.person.postForm(`${path}/miembros/${ana.user.id}/rol`, {
      _csrf: csrfTokenIn(page.text),
      role: 'member',
    });
    assert.equal(demoting.status, 409);
    assert.equal(await roleIn(test.database.db, organization, ana.user), 'owner');
    assert.equal((await auditEventsFor(test.database.db, ana.user.id)).length, 0);
  });

  it('lets an owner leave once someone else is an owner too', async () => {
    const ana = await owner();
    const luis = await member();
    const page = await ana.person.get(`${path}/miembros`).expect(200);
    const promoted = await ana.person.postForm(`${path}/miembros/${luis.user.id}/rol`, {
      _csrf: csrfTokenIn(page.text),
      role: 'owner',
    });
    assert.equal(promoted.status, 303);
    assert.equal(await roleIn(test.database.db, organization, luis.user), 'owner');
    const [event] = await auditEventsFor(test.database.db, luis.user.id, 'membership.role');
    assert.deepEqual(event!.after, { userId: luis.user.id, role: 'owner' });

    const twoOwners = await ana.person.get(`${path}/miembros`).expect(200);
    assert.match(twoOwners.text, new RegExp(`action="${path}/salir"`));
    const leaving = await ana.person.postForm(`${path}/salir`, { _csrf: csrfTokenIn(page.text) });
    assert.equal(leaving.status, 303);
    const owners = await test.database.db
      .select()
      .from(memberships)
      .where(eq(memberships.organizationId, organization.id));
    assert.deepEqual(
      owners.map((row) => [row.userId, row.role]),
      [[luis.user.id, 'owner']],
    );
  });

  it('does not let a member change roles', async () => {
    await owner();
    const luis = await member();
    const page = await luis.person.get(`${path}/miembros`).expect(200);
    const response = await luis.person.postForm(`${path}/miembros/${luis.user.id}/rol`, {
      _csrf: csrfTokenIn(page.text),
      role: 'owner',
    });
    assert.equal(response.status, 403);
    assert.equal(await roleIn(test.database.db, organization, luis.user), 'member');
  });

  it('changes nothing when a removal comes without its CSRF token', async () => {
    const ana = await owner();
    const luis = await member();
    const response = await ana.person.postForm(`${path}/miembros/${luis.user.id}/quitar`, {});
    assert.equal(response.status, 403);
    assert.equal(await roleIn(test.database.db, organization, luis.user), 'member');
  });
});

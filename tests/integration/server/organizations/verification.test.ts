import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { organizations, type Organization } from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import {
  auditEventsFor,
  relaxedLimits,
  signedIn,
} from '../../../support/organization-factories.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

const MODERATOR = 'moderadora@example.org';

describe('verifying organizations', () => {
  let test: TestApp;
  let office: Organization;
  let path: string;
  let moderator: Awaited<ReturnType<typeof signedIn>>;

  before(async () => {
    test = await buildTestApp({ ...relaxedLimits, env: { ADMIN_EMAILS: MODERATOR } });
    moderator = await signedIn(test, MODERATOR);
  });
  beforeEach(async () => {
    office = await makeOrganization(test.database.db, {
      name: 'Secretaría de Movilidad',
      kind: 'government',
    });
    path = `/organizaciones/${office.slug}`;
  });
  after(() => test.close());

  const verifiedAt = async () =>
    (
      await test.database.db
        .select({ verifiedAt: organizations.verifiedAt })
        .from(organizations)
        .where(eq(organizations.id, office.id))
    )[0]!.verifiedAt;

  async function post(person: typeof moderator.person, action: string) {
    const page = await person.get(path).expect(200);
    return person.postForm(`${path}/verificacion`, { _csrf: csrfTokenIn(page.text), action });
  }

  it('tells everyone an unverified government office cannot sponsor yet', async () => {
    const page = await visitor(test.app).get(path).expect(200);
    assert.match(page.text, /no puede patrocinar retos hasta que la moderación/);
    assert.doesNotMatch(page.text, /badge--verified/);
    assert.doesNotMatch(page.text, /\/verificacion/, 'no moderation buttons for visitors');
    const community = await makeOrganization(test.database.db, { kind: 'community' });
    const other = await visitor(test.app).get(`/organizaciones/${community.slug}`).expect(200);
    assert.doesNotMatch(other.text, /no puede patrocinar/);
  });

  it('lets a moderator verify, and audits it with the before and after', async () => {
    const page = await moderator.person.get(path).expect(200);
    assert.match(page.text, /<button class="button" type="submit">Verificar<\/button>/);
    const response = await post(moderator.person, 'verify');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `${path}?aviso=verificada`);
    const when = await verifiedAt();
    assert.ok(when, 'verified');
    const [event] = await auditEventsFor(test.database.db, office.id, 'organization.verify');
    assert.equal(event!.actorId, moderator.user.id);
    assert.equal(event!.subjectType, 'organization');
    assert.equal(event!.organizationId, office.id);
    assert.deepEqual(event!.before, { verifiedAt: null });
    assert.equal(
      new Date((event!.after as { verifiedAt: string }).verifiedAt).getTime(),
      when.getTime(),
    );

    const shown = await visitor(test.app).get(path).expect(200);
    assert.match(shown.text, /class="badge badge--verified"/);
    assert.doesNotMatch(shown.text, /no puede patrocinar/);
    const again = await post(moderator.person, 'verify');
    assert.equal(again.status, 303);
    assert.equal(
      (await auditEventsFor(test.database.db, office.id, 'organization.verify')).length,
      1,
      'verifying twice records nothing new',
    );
  });

  it('lets a moderator remove the verification, and audits it with the before and after', async () => {
    const verifiedOn = new Date('2026-02-01T12:00:00Z');
    await test.database.db
      .update(organizations)
      .set({ verifiedAt: verifiedOn })
      .where(eq(organizations.id, office.id));
    const page = await moderator.person.get(path).expect(200);
    assert.match(page.text, /Quitar verificación<\/button>/);
    const response = await post(moderator.person, 'unverify');
    assert.equal(response.status, 303);
    assert.equal(await verifiedAt(), null);
    const [event] = await auditEventsFor(test.database.db, office.id, 'organization.unverify');
    assert.equal(event!.actorId, moderator.user.id);
    assert.equal(
      new Date((event!.before as { verifiedAt: string }).verifiedAt).getTime(),
      verifiedOn.getTime(),
    );
    assert.deepEqual(event!.after, { verifiedAt: null });
  });

  it('refuses everyone else with 403 and changes nothing, even the organization owner', async () => {
    const ownerOfOffice = await signedIn(test, `duena-${office.slug}@example.org`, {
      organization: office,
      role: 'owner',
    });
    const page = await ownerOfOffice.person.get(path).expect(200);
    assert.doesNotMatch(page.text, /\/verificacion/);
    assert.equal((await post(ownerOfOffice.person, 'verify')).status, 403);
    const stranger = await signedIn(test, `curiosa-${office.slug}@example.org`);
    assert.equal((await post(stranger.person, 'verify')).status, 403);
    const anonymous = await visitor(test.app).postForm(`${path}/verificacion`, {
      action: 'verify',
    });
    assert.equal(anonymous.status, 403, 'no CSRF token, no session');
    assert.equal(await verifiedAt(), null);
    assert.equal((await auditEventsFor(test.database.db, office.id)).length, 0);
  });

  it('changes nothing when a moderator posts without the CSRF token', async () => {
    const response = await moderator.person.postForm(`${path}/verificacion`, { action: 'verify' });
    assert.equal(response.status, 403);
    assert.equal(await verifiedAt(), null);
  });

  it('refuses an unknown action with 422', async () => {
    const response = await post(moderator.person, 'promote');
    assert.equal(response.status, 422);
    assert.equal(await verifiedAt(), null);
  });

  it('takes the verification away when members rename the organization', async () => {
    await post(moderator.person, 'verify');
    const member = await signedIn(test, `renombra-${office.slug}@example.org`, {
      organization: office,
      role: 'member',
    });
    const form = await member.person.get(`${path}/editar`).expect(200);
    assert.match(form.text, /perderá la verificación/);
    const response = await member.person.postForm(`${path}/editar`, {
      _csrf: csrfTokenIn(form.text),
      name: 'Otra Secretaría',
      kind: 'government',
      stateCode: 'OAX',
    });
    assert.equal(response.headers.location, `${path}?aviso=verificacion-perdida`);
    assert.equal(await verifiedAt(), null);
    const [event] = await auditEventsFor(test.database.db, office.id, 'organization.update');
    assert.equal((event!.after as { verifiedAt: null }).verifiedAt, null);
    assert.ok((event!.before as { verifiedAt: string }).verifiedAt);
  });

  it('shows the badge wherever the organization appears', async () => {
    await post(moderator.person, 'verify');
    const challenge = await makeChallenge(test.database.db, { organizationId: office.id });
    const list = await visitor(test.app).get('/organizaciones?tipo=government').expect(200);
    assert.match(list.text, /badge--verified/);
    const challengePage = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    assert.match(challengePage.text, /class="badge[^"]*"/);
    const member = await signedIn(test, `insignia-${office.slug}@example.org`, {
      organization: office,
      role: 'member',
    });
    const account = await member.person.get('/cuenta').expect(200);
    assert.match(account.text, new RegExp(`<a href="${path}">Secretaría de Movilidad</a>`));
    assert.match(account.text, /badge--verified/);
  });
});

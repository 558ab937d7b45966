import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  claims,
  type Challenge,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import {
  activeClaimsOf,
  claimById,
  makeClaim,
  makeVolunteer,
  roomyLimits,
  signedInPerson,
} from '../../../support/claim-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

type Person = ReturnType<typeof visitor>;

describe('claiming a challenge', () => {
  let test: TestApp;
  let organization: Organization;
  let challenge: Challenge;
  let ana: { person: Person; user: User };
  let beto: { person: Person; user: User };
  let carla: { person: Person; user: User };
  let olga: { person: Person; user: User };

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    organization = await makeOrganization(db, { name: 'Vecinos del Atoyac' });
    challenge = await makeChallenge(db, { organizationId: organization.id, title: 'Descargas' });
    ana = await signedInPerson(test, 'ana@example.org', { login: 'ana-dev', name: 'Ana Ruiz' });
    beto = await signedInPerson(test, 'beto@example.org', { login: 'beto-dev', name: 'Beto' });
    carla = await signedInPerson(test, 'carla@example.org', { name: 'Carla' });
    olga = await signedInPerson(test, 'olga@example.org', { organization, name: 'Olga' });
  });
  after(() => test.close());

  /** Posts a form with the CSRF token of the page the person is looking at. */
  async function post(person: Person, path: string, fields: Record<string, string> = {}) {
    const page = await person.get(`/retos/${challenge.slug}`);
    return person.postForm(path, { _csrf: csrfTokenIn(page.text), ...fields });
  }

  const claimEvents = (action: string, target = challenge) =>
    test.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectType, 'challenge'),
          eq(auditEvents.subjectId, target.id),
          eq(auditEvents.action, action),
        ),
      );

  it('shows everyone who is working on an open challenge, linking to their profiles', async () => {
    const other = await makeChallenge(test.database.db, { organizationId: organization.id });
    const luz = await makeVolunteer(test.database.db, { githubLogin: 'Luz-Dev', name: 'Luz' });
    await makeClaim(test.database.db, other, luz);
    const page = await visitor(test.app).get(`/retos/${other.slug}`).expect(200);
    assert.match(page.text, /Quién trabaja en este reto/);
    assert.match(page.text, /<a href="\/voluntarios\/Luz-Dev">Luz<\/a>/);
    assert.match(page.text, /desde el \d+ de \w+ de \d{4}/);
    assert.match(page.text, /Entra con GitHub para decir que trabajas en este reto/);
    assert.doesNotMatch(page.text, /action="\/retos\/[^"]+\/reclamar"/);
    assert.doesNotMatch(page.text, /liberar"/, 'visitors see no release form');
  });

  it('lets a signed-in volunteer claim an open challenge once, publicly and audited', async () => {
    const before = await ana.person.get(`/retos/${challenge.slug}`).expect(200);
    assert.match(before.text, /Estoy trabajando en esto/);
    const response = await post(ana.person, `/retos/${challenge.slug}/reclamar`);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `/retos/${challenge.slug}#trabajando`);
    const again = await post(ana.person, `/retos/${challenge.slug}/reclamar`);
    assert.equal(again.status, 303, 'claiming again is harmless');

    const active = await activeClaimsOf(test.database.db, challenge);
    assert.deepEqual(
      active.map((claim) => claim.userId),
      [ana.user.id],
    );
    const events = await claimEvents('claim.create');
    assert.equal(events.length, 1, 'one audit event for one claim');
    assert.equal(events[0]!.actorId, ana.user.id);
    assert.equal(events[0]!.organizationId, organization.id);
    assert.equal((events[0]!.after as { claimId: string }).claimId, active[0]!.id);

    const mine = await ana.person.get(`/retos/${challenge.slug}`);
    assert.match(mine.text, /Dejar de trabajar en esto/);
    assert.doesNotMatch(mine.text, /Estoy trabajando en esto/);
    const publicPage = await visitor(test.app).get(`/retos/${challenge.slug}`);
    assert.match(publicPage.text, /<a href="\/voluntarios\/ana-dev">Ana Ruiz<\/a>/);
  });

  it('refuses visitors, people without GitHub and challenges that are not open', async () => {
    const db = test.database.db;
    const before = (await db.select().from(claims)).length;

    const someone = visitor(test.app);
    const token = await someone.csrfToken('/entrar');
    const anonymous = await someone.postForm(`/retos/${challenge.slug}/reclamar`, {
      _csrf: token,
    });
    assert.equal(anonymous.status, 303);
    assert.match(String(anonymous.headers.location), /^\/entrar/);

    const page = await carla.person.get(`/retos/${challenge.slug}`);
    assert.match(page.text, /Solo las personas voluntarias que entran con GitHub/);
    assert.doesNotMatch(page.text, /Estoy trabajando en esto/);
    const noGithub = await post(carla.person, `/retos/${challenge.slug}/reclamar`);
    assert.equal(noGithub.status, 403);
    assert.match(noGithub.text, /Solo las personas voluntarias que entran con GitHub/);

    for (const status of ['in_progress', 'closed', 'solved'] as const) {
      const notOpen = await makeChallenge(db, { organizationId: organization.id, status });
      const closedPage = await beto.person.get(`/retos/${notOpen.slug}`);
      assert.doesNotMatch(closedPage.text, /Estoy trabajando en esto/, status);
      const refused = await beto.person.postForm(`/retos/${notOpen.slug}/reclamar`, {
        _csrf: csrfTokenIn(closedPage.text),
      });
      assert.equal(refused.status, 403, status);
      assert.match(refused.text, /Solo se puede trabajar en retos abiertos/);
    }
    const archived = await makeChallenge(db, { organizationId: organization.id, archived: true });
    assert.equal((await post(beto.person, `/retos/${archived.slug}/reclamar`)).status, 403);
    const draft = await makeChallenge(db, {
      organizationId: (await makeOrganization(db)).id,
      status: 'draft',
    });
    assert.equal((await post(beto.person, `/retos/${draft.slug}/reclamar`)).status, 404);

    assert.equal((await db.select().from(claims)).length, before, 'no claim was written');
  });

  it('lets the volunteer stop working on it, audited, and claim again later', async () => {
    const own = (await activeClaimsOf(test.database.db, challenge)).find(
      (claim) => claim.userId === ana.user.id,
    )!;
    const response = await post(ana.person, `/retos/${challenge.slug}/soltar`);
    assert.equal(response.status, 303);
    const released = await claimById(test.database.db, own.id);
    assert.equal(released.status, 'released');
    assert.equal(released.releasedById, ana.user.id);
    assert.equal(released.releaseReason, null);
    assert.ok(released.releasedAt);
    assert.equal((await claimEvents('claim.release')).length, 1);

    const page = await ana.person.get(`/retos/${challenge.slug}`);
    assert.match(page.text, /Estoy trabajando en esto/);
    assert.doesNotMatch(page.text, /href="\/voluntarios\/ana-dev"/);
    assert.equal((await post(ana.person, `/retos/${challenge.slug}/soltar`)).status, 303);
    assert.equal((await claimEvents('claim.release')).length, 1, 'nothing more to release');

    await post(ana.person, `/retos/${challenge.slug}/reclamar`);
    assert.equal((await activeClaimsOf(test.database.db, challenge)).length, 1);
  });

  it('lets a member of the organization release a claim, with a reason it requires', async () => {
    await post(beto.person, `/retos/${challenge.slug}/reclamar`);
    const claim = (await activeClaimsOf(test.database.db, challenge)).find(
      (row) => row.userId === beto.user.id,
    )!;
    const page = await olga.person.get(`/retos/${challenge.slug}`);
    assert.match(
      page.text,
      new RegExp(`action="/retos/${challenge.slug}/reclamos/${claim.id}/liberar"`),
    );

    const path = `/retos/${challenge.slug}/reclamos/${claim.id}/liberar`;
    const missing = await post(olga.person, path, { reason: '   ' });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /Escribe el motivo: la persona voluntaria lo recibirá\./);
    assert.match(missing.text, /aria-invalid="true"/);
    const tooLong = await post(olga.person, path, { reason: 'x'.repeat(1001) });
    assert.equal(tooLong.status, 422);
    assert.equal((await claimById(test.database.db, claim.id)).status, 'active');

    await test.deliverMail();
    const mailBefore = test.mail.length;
    const released = await post(olga.person, path, {
      reason: 'Otro equipo ya entregó una solución.',
    });
    assert.equal(released.status, 303);
    const row = await claimById(test.database.db, claim.id);
    assert.equal(row.status, 'released');
    assert.equal(row.releasedById, olga.user.id);
    assert.equal(row.releaseReason, 'Otro equipo ya entregó una solución.');
    const events = await claimEvents('claim.release');
    const event = events.find((e) => e.actorId === olga.user.id)!;
    assert.equal((event.after as { releaseReason: string }).releaseReason, row.releaseReason);

    await test.deliverMail();
    const told = test.mail.slice(mailBefore);
    assert.equal(told.length, 1);
    assert.equal(told[0]!.to, 'beto@example.org');
    assert.equal(told[0]!.subject, `Liberaron tu aviso en «${challenge.title}»`);
    assert.match(told[0]!.text, /Vecinos del Atoyac liberó tu aviso/);
    assert.match(told[0]!.text, /Otro equipo ya entregó una solución\./);

    const again = await post(olga.person, path, { reason: 'Otra vez' });
    assert.equal(again.status, 404, 'a claim no longer active cannot be released');
  });

  it('refuses the release to anyone outside the organization', async () => {
    const claim = await makeClaim(test.database.db, challenge, beto.user);
    const path = `/retos/${challenge.slug}/reclamos/${claim.id}/liberar`;
    for (const { person } of [ana, carla]) {
      assert.equal((await person.get(path)).status, 403);
      const refused = await post(person, path, { reason: 'No me gusta' });
      assert.equal(refused.status, 403);
      assert.match(refused.text, /Solo las personas de la organización del reto/);
    }
    const page = await ana.person.get(`/retos/${challenge.slug}`);
    assert.doesNotMatch(page.text, /\/liberar"/);
    assert.equal((await claimById(test.database.db, claim.id)).status, 'active');

    const form = await olga.person.get(path);
    assert.equal(form.status, 200, 'the member has a page of its own for the form');
    assert.match(form.text, /Liberar el aviso de Beto/);
    const unknown = `/retos/${challenge.slug}/reclamos/00000000-0000-4000-8000-000000000000/liberar`;
    assert.equal((await olga.person.get(unknown)).status, 404);
    assert.equal(
      (await olga.person.get(`/retos/${challenge.slug}/reclamos/nope/liberar`)).status,
      404,
    );
  });
});

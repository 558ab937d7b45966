import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  auditEvents,
  memberships,
  sponsorships,
  users,
  type Challenge,
  type Organization,
} from '../../../../models/schema/index.ts';
import { ForbiddenError } from '../../../../server/errors.ts';
import { pledgeSponsorship } from '../../../../server/sponsorships/service.ts';
import { databaseSnapshot } from '../../../support/database-snapshot.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

describe('pledging sponsorship', () => {
  let test: TestApp;
  let office: Organization;
  let unverifiedOffice: Organization;
  let community: Organization;
  let challenge: Challenge;
  let officer: Person;
  let newcomer: Person;
  let communityMember: Person;

  async function member(email: string, ...orgs: Organization[]) {
    const { person } = await signInByEmail(test, email);
    const [user] = await test.database.db.select().from(users).where(eq(users.email, email));
    for (const org of orgs)
      await test.database.db
        .insert(memberships)
        .values({ organizationId: org.id, userId: user!.id });
    return person;
  }

  before(async () => {
    test = await buildTestApp();
    office = await makeOrganization(test.database.db, {
      name: 'Gobierno de Zapopan',
      kind: 'government',
      verifiedAt: new Date(),
    });
    unverifiedOffice = await makeOrganization(test.database.db, {
      name: 'Municipio Nuevo',
      kind: 'government',
    });
    community = await makeOrganization(test.database.db, {
      name: 'Vecinos del Atoyac',
      kind: 'community',
    });
    challenge = await makeChallenge(test.database.db, {
      organizationId: community.id,
      title: 'Descargas al río',
    });
    officer = await member('oficina@example.org', office);
    newcomer = await member('nuevo@example.org', unverifiedOffice);
    communityMember = await member('vecina@example.org', community);
  });
  after(() => test.close());

  async function pledge(person: Person, body: Record<string, string>, slug = challenge.slug) {
    const form = await person.get(`/retos/${slug}/patrocinar`);
    return person.postForm(`/retos/${slug}/patrocinar`, { _csrf: csrfTokenIn(form.text), ...body });
  }

  it('lets a verified government office pledge a prize on another organization challenge, in exact centavos', async () => {
    await test.deliverMail();
    const mailBefore = test.mail.length;
    const response = await pledge(officer, {
      organizationId: office.id,
      kind: 'prize',
      amount: '50,000.29',
      terms: 'Se entrega al adoptarse.',
    });
    assert.equal(response.status, 303);
    const id = /^\/patrocinios\/([0-9a-f-]+)$/.exec(String(response.headers.location))![1]!;
    const [row] = await test.database.db.select().from(sponsorships).where(eq(sponsorships.id, id));
    assert.equal(row!.amountCentavos, 5_000_029);
    assert.equal(row!.status, 'pledged');
    assert.equal(row!.organizationId, office.id);
    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, id));
    assert.equal(event!.action, 'sponsorship.pledge');

    const page = await visitor(test.app).get(`/retos/${challenge.slug}`);
    assert.match(page.text, /Gobierno de Zapopan/);
    assert.match(page.text, /Premio en efectivo<\/strong> · \$50,000\.29/);

    await test.deliverMail();
    const told = test.mail.slice(mailBefore);
    assert.equal(told.length, 1, 'the challenge organization is told');
    assert.equal(told[0]!.to, 'vecina@example.org');
    assert.equal(told[0]!.subject, 'Gobierno de Zapopan patrocina tu reto');
  });

  it('refuses an unverified office with a clear message, changing nothing', async () => {
    const before = (await test.database.db.select().from(sponsorships)).length;
    const response = await pledge(newcomer, {
      organizationId: unverifiedOffice.id,
      kind: 'prize',
      amount: '1000',
    });
    assert.equal(response.status, 403);
    assert.match(response.text, /Municipio Nuevo aún no está verificada/);
    assert.match(response.text, /value="1000"/);
    assert.equal((await test.database.db.select().from(sponsorships)).length, before);
  });

  it('refuses organizations that are not government offices, and offices the person does not belong to', async () => {
    const before = (await test.database.db.select().from(sponsorships)).length;
    const notAnOffice = await pledge(communityMember, {
      organizationId: community.id,
      kind: 'mentorship',
      description: 'Horas',
    });
    assert.equal(notAnOffice.status, 403);
    assert.match(notAnOffice.text, /Solo las personas de una oficina de gobierno/);
    const notMine = await pledge(communityMember, {
      organizationId: office.id,
      kind: 'mentorship',
      description: 'Horas',
    });
    assert.equal(notMine.status, 403);
    assert.equal((await test.database.db.select().from(sponsorships)).length, before);
  });

  it('explains a bad amount or a missing description with 422, keeping the values', async () => {
    for (const [body, message] of [
      [{ kind: 'prize', amount: '12.345' }, 'Escribe un monto en pesos mayor que cero'],
      [{ kind: 'prize', amount: '0' }, 'Escribe un monto en pesos mayor que cero'],
      [{ kind: 'mentorship', amount: '', description: '' }, 'Describe qué ofrecen.'],
      [
        { kind: 'hosting', amount: '500', description: 'Servidores' },
        'Solo los premios en efectivo llevan monto',
      ],
    ] as const) {
      const response = await pledge(officer, { organizationId: office.id, ...body });
      assert.equal(response.status, 422, JSON.stringify(body));
      assert.ok(response.text.includes(message), message);
    }
  });

  it('does not sponsor drafts, solved or closed challenges, through the route or the service', async () => {
    const db = test.database.db;
    const [officerUser] = await db
      .select()
      .from(users)
      .where(eq(users.email, 'oficina@example.org'));
    const token = csrfTokenIn((await officer.get(`/retos/${challenge.slug}/patrocinar`)).text);
    const body = { organizationId: office.id, kind: 'mentorship', description: 'Horas' };
    const refused = [
      // The office's own draft: the officer can see it, so only the sponsoring rule refuses.
      await makeChallenge(db, { organizationId: office.id, status: 'draft', publishedAt: null }),
      await makeChallenge(db, { organizationId: community.id, status: 'solved' }),
      await makeChallenge(db, { organizationId: community.id, status: 'closed' }),
    ];
    for (const shut of refused) {
      const path = `/retos/${shut.slug}/patrocinar`;
      assert.equal((await officer.get(path)).status, 404, `${shut.status}: no form`);
      const before = await databaseSnapshot(db);
      const response = await officer.postForm(path, { _csrf: token, ...body });
      assert.equal(response.status, 404, `${shut.status}: the pledge is refused`);
      assert.equal(await databaseSnapshot(db), before, `${shut.status}: nothing written`);
      await assert.rejects(
        pledgeSponsorship(db, officerUser!, shut.id, {
          organizationId: office.id,
          kind: 'mentorship',
          amountCentavos: null,
          description: 'Horas',
          terms: '',
        }),
        ForbiddenError,
      );
      assert.equal(
        await databaseSnapshot(db),
        before,
        `${shut.status}: the service writes nothing`,
      );
    }

    for (const status of ['open', 'in_progress'] as const) {
      const live = await makeChallenge(db, { organizationId: community.id, status });
      const response = await officer.postForm(`/retos/${live.slug}/patrocinar`, {
        _csrf: token,
        ...body,
      });
      assert.equal(response.status, 303, `${status}: accepted`);
      const rows = await db
        .select()
        .from(sponsorships)
        .where(eq(sponsorships.challengeId, live.id));
      assert.equal(rows.length, 1);
    }
  });

  it('lets the office mark a pledge fulfilled, once, and nobody else', async () => {
    const response = await pledge(officer, {
      organizationId: office.id,
      kind: 'data_access',
      description: 'Conteos diarios',
    });
    const path = String(response.headers.location);
    const id = path.split('/').pop()!;
    const page = await officer.get(path);
    const token = csrfTokenIn(page.text);
    assert.match(page.text, /value="fulfill">\s*<button class="button" type="submit">Marcar como/);
    assert.match(page.text, /value="withdraw">[\s\S]*<textarea id="reason" name="reason"/);

    const stranger = await communityMember.get(path);
    assert.doesNotMatch(stranger.text, /name="transicion"/, 'no buttons for others');
    const refused = await communityMember.postForm(`${path}/estado`, {
      _csrf: csrfTokenIn(stranger.text),
      transicion: 'fulfill',
    });
    assert.equal(refused.status, 403);

    assert.equal(
      (await officer.postForm(`${path}/estado`, { _csrf: token, transicion: 'fulfill' })).status,
      303,
    );
    assert.equal(
      (await officer.postForm(`${path}/estado`, { _csrf: token, transicion: 'fulfill' })).status,
      403,
    );
    assert.equal(
      (
        await officer.postForm(`${path}/estado`, {
          _csrf: token,
          transicion: 'withdraw',
          reason: 'x',
        })
      ).status,
      403,
    );
    const [row] = await test.database.db.select().from(sponsorships).where(eq(sponsorships.id, id));
    assert.equal(row!.status, 'fulfilled');
    assert.doesNotMatch((await officer.get(path)).text, /name="transicion"/, 'nothing left to do');

    const history = await visitor(test.app).get(path);
    assert.match(history.text, /Compromiso publicado[\s\S]*Marcado como cumplido/);
  });

  it('requires a public reason to withdraw, and shows it', async () => {
    const response = await pledge(officer, {
      organizationId: office.id,
      kind: 'mentorship',
      description: '20 horas',
    });
    const path = String(response.headers.location);
    const page = await officer.get(path);
    const missing = await officer.postForm(`${path}/estado`, {
      _csrf: csrfTokenIn(page.text),
      transicion: 'withdraw',
      reason: ' ',
    });
    assert.equal(missing.status, 422);
    assert.match(missing.text, /Escribe el motivo del retiro/);
    const withdrawn = await officer.postForm(`${path}/estado`, {
      _csrf: csrfTokenIn(page.text),
      transicion: 'withdraw',
      reason: 'Cambio de administración.',
    });
    assert.equal(withdrawn.status, 303);
    const shown = await visitor(test.app).get(path);
    assert.match(shown.text, /Retirado/);
    assert.match(shown.text, /Cambio de administración\./);
    const events = await test.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, path.split('/').pop()!));
    const withdrawal = events.find((event) => event.action === 'sponsorship.withdraw')!;
    assert.equal((withdrawal.before as { status: string }).status, 'pledged');
    assert.equal(
      (withdrawal.after as { withdrawalReason: string }).withdrawalReason,
      'Cambio de administración.',
    );
  });
});

describe("an office's page", () => {
  it('lists its sponsorships', async () => {
    const test = await buildTestApp();
    try {
      const office = await makeOrganization(test.database.db, {
        name: 'Gobierno de Mérida',
        kind: 'government',
        verifiedAt: new Date(),
      });
      const challenge = await makeChallenge(test.database.db, { title: 'Rutas de camión' });
      await test.database.db.insert(sponsorships).values({
        challengeId: challenge.id,
        organizationId: office.id,
        kind: 'prize',
        amountCentavos: 1_000_000,
      });
      const page = await visitor(test.app).get(`/organizaciones/${office.slug}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Patrocinios de esta oficina/);
      assert.match(page.text, /Premio en efectivo<\/strong> · \$10,000\.00/);
      assert.match(page.text, new RegExp(`<a href="/retos/${challenge.slug}">Rutas de camión</a>`));
    } finally {
      await test.close();
    }
  });
});

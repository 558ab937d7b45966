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

  it('lets the office record a delivery with public evidence, once, and nobody else', async () => {
    const response = await pledge(officer, {
      organizationId: office.id,
      kind: 'data_access',
      description: 'Conteos diarios',
    });
    const path = String(response.headers.location);
    const id = path.split('/').pop()!;
    const page = await officer.get(path);
    assert.match(page.text, new RegExp(`href="${path}/cumplimiento">Registrar la entrega`));
    assert.match(page.text, /value="withdraw">[\s\S]*<textarea id="reason" name="reason"/);

    const stranger = await communityMember.get(path);
    assert.doesNotMatch(stranger.text, /cumplimiento"/, 'no delivery link for others');
    assert.equal((await communityMember.get(`${path}/cumplimiento`)).status, 403);
    const refused = await communityMember.postForm(`${path}/cumplimiento`, {
      _csrf: csrfTokenIn(stranger.text),
      delivered: 'Nada',
      deliveredOn: '2026-01-02',
      evidenceUrl: 'https://example.org/recibo.pdf',
    });
    assert.equal(refused.status, 403);
    // The old one-press "fulfilled" is gone: a delivery needs its evidence.
    const pressed = await officer.postForm(`${path}/estado`, {
      _csrf: csrfTokenIn(page.text),
      transicion: 'fulfill',
    });
    assert.equal(pressed.status, 403);

    const form = await officer.get(`${path}/cumplimiento`);
    assert.equal(form.status, 200);
    const token = csrfTokenIn(form.text);
    const bad = await officer.postForm(`${path}/cumplimiento`, {
      _csrf: token,
      delivered: 'Conteos 2019–2026',
      deliveredOn: '2026-01-02',
      evidenceUrl: 'javascript:alert(1)',
      note: 'Con licencia abierta',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /Escribe la dirección web de la evidencia/);
    assert.match(bad.text, /Conteos 2019–2026<\/textarea>/, 'keeps what was typed');
    assert.match(bad.text, /Con licencia abierta<\/textarea>/);
    const future = await officer.postForm(`${path}/cumplimiento`, {
      _csrf: token,
      delivered: 'Conteos',
      deliveredOn: '2099-01-01',
      evidenceUrl: 'https://datos.example.org/conteos',
    });
    assert.equal(future.status, 422);
    assert.match(future.text, /La fecha de entrega no puede ser futura/);
    assert.equal(
      (await test.database.db.select().from(sponsorships).where(eq(sponsorships.id, id)))[0]!
        .status,
      'pledged',
      'refused deliveries change nothing',
    );

    const recorded = await officer.postForm(`${path}/cumplimiento`, {
      _csrf: token,
      delivered: 'Conteos 2019–2026',
      deliveredOn: '2026-01-02',
      evidenceUrl: 'https://datos.example.org/conteos',
    });
    assert.equal(recorded.status, 303);
    assert.equal((await officer.get(`${path}/cumplimiento`)).status, 403, 'once');
    const [row] = await test.database.db.select().from(sponsorships).where(eq(sponsorships.id, id));
    assert.equal(row!.status, 'fulfilled');
    assert.ok(row!.fulfilledAt);

    const shown = await visitor(test.app).get(path);
    assert.match(shown.text, /Entregado, por confirmar/);
    assert.match(shown.text, /href="https:\/\/datos\.example\.org\/conteos"/);
    assert.match(shown.text, /Esperando la respuesta de quien lo recibe/);
    assert.match(shown.text, /Compromiso publicado[\s\S]*Entrega registrada por la oficina/);
  });

  it('lets the receiving organization confirm or dispute a delivery, and the office deliver again', async () => {
    const response = await pledge(officer, {
      organizationId: office.id,
      kind: 'mentorship',
      description: '10 horas',
    });
    const path = String(response.headers.location);
    const delivery = async (what: string) => {
      const form = await officer.get(`${path}/cumplimiento`);
      return officer.postForm(`${path}/cumplimiento`, {
        _csrf: csrfTokenIn(form.text),
        delivered: what,
        deliveredOn: '2026-01-02',
        evidenceUrl: 'https://example.org/minuta.pdf',
      });
    };
    assert.equal((await delivery('Cinco horas')).status, 303);
    assert.equal((await officer.get(`${path}/respuesta`)).status, 403, 'not the office');
    const form = await communityMember.get(`${path}/respuesta`);
    assert.equal(form.status, 200);
    const token = csrfTokenIn(form.text);
    const silent = await communityMember.postForm(`${path}/respuesta`, {
      _csrf: token,
      verdict: 'dispute',
      note: '  ',
    });
    assert.equal(silent.status, 422);
    assert.match(silent.text, /una disputa necesita su motivo/);
    assert.match(silent.text, /value="dispute" checked/, 'keeps the choice');
    const disputed = await communityMember.postForm(`${path}/respuesta`, {
      _csrf: token,
      verdict: 'dispute',
      note: 'Faltan cinco horas.',
    });
    assert.equal(disputed.status, 303);
    const afterDispute = await visitor(test.app).get(path);
    assert.match(afterDispute.text, /En disputa/);
    assert.match(afterDispute.text, /Faltan cinco horas\./);

    assert.equal((await delivery('Las diez horas')).status, 303, 'delivers again after a dispute');
    const again = await communityMember.get(`${path}/respuesta`);
    const confirmed = await communityMember.postForm(`${path}/respuesta`, {
      _csrf: csrfTokenIn(again.text),
      verdict: 'confirm',
      note: '',
    });
    assert.equal(confirmed.status, 303);
    assert.equal((await communityMember.get(`${path}/respuesta`)).status, 403, 'answered');
    const shown = await visitor(test.app).get(path);
    assert.match(shown.text, /status--sponsorship-confirmed">Confirmado/);
    assert.match(shown.text, /Las diez horas[\s\S]*Cinco horas/, 'both deliveries, newest first');
    assert.match(
      shown.text,
      /Entrega disputada por quien la recibe[\s\S]*Entrega confirmada por quien la recibe/,
    );
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

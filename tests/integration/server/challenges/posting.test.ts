import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  auditEvents,
  challenges,
  memberships,
  users,
  type Organization,
} from '../../../../models/schema/index.ts';
import { challengeFormBody } from '../../../support/challenge-form.ts';
import { makeOrganization } from '../../../support/factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';
import { criteriaOf } from '../../../support/review-factories.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

describe('posting and editing challenges', () => {
  let test: TestApp;
  let organization: Organization;
  let member: Person;
  let outsider: Person;

  async function joinAs(email: string, org: Organization) {
    const signedIn = await signInByEmail(test, email);
    const [user] = await test.database.db.select().from(users).where(eq(users.email, email));
    await test.database.db.insert(memberships).values({ organizationId: org.id, userId: user!.id });
    return signedIn.person;
  }

  before(async () => {
    test = await buildTestApp();
    organization = await makeOrganization(test.database.db, { name: 'Vecinos del Atoyac' });
    member = await joinAs('miembro@example.org', organization);
    outsider = await joinAs(
      'ajena@example.org',
      await makeOrganization(test.database.db, { name: 'Otra' }),
    );
  });
  after(() => test.close());

  async function post(person: Person, path: string, body: Record<string, unknown>) {
    const form = await person.get(path);
    return person.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), ...body });
  }

  it('creates a draft owned by the organization, with every field, and audits it', async () => {
    const response = await post(member, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody(),
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/retos/contaminacion-del-rio-atoyac');
    const [row] = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.slug, 'contaminacion-del-rio-atoyac'));
    assert.equal(row!.status, 'draft');
    assert.equal(row!.organizationId, organization.id);
    assert.deepEqual(row!.sdgs, [6, 14]);
    assert.deepEqual(row!.skills, ['mapas', 'PWA']);
    assert.deepEqual(row!.dataSets, [
      { title: 'Calidad del agua CONAGUA', url: 'https://datos.example.org/agua' },
    ]);
    assert.deepEqual(row!.phases, [
      { name: 'Diagnóstico', startsOn: '2027-01-10', endsOn: '2027-02-28' },
    ]);
    assert.deepEqual(await criteriaOf(test.database.db, row!.id), [
      { name: 'Impacto', weight: 60 },
      { name: 'Facilidad de uso', weight: 40 },
    ]);
    const audit = await test.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, row!.id));
    assert.deepEqual(
      audit.map((event) => event.action),
      ['challenge.create'],
    );

    const page = await member.get('/retos/contaminacion-del-rio-atoyac');
    assert.match(page.text, /<strong>no<\/strong> están registradas/);
    assert.match(page.text, /Calidad del agua CONAGUA/);
    assert.match(page.text, /6\. Agua limpia y saneamiento/);
  });

  it('gives a second challenge with the same title its own address', async () => {
    const response = await post(member, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody(),
    });
    assert.equal(response.headers.location, '/retos/contaminacion-del-rio-atoyac-2');
  });

  it('refuses weights that do not sum to 100 with a clear field message, keeping every typed value', async () => {
    const before = (await test.database.db.select().from(challenges)).length;
    const response = await post(member, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody({ title: 'Pesos mal', criterion_weight: ['60', '30', ''] }),
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Los pesos de los criterios deben sumar 100\./);
    assert.match(response.text, /<a href="#criteria">Los pesos/);
    assert.match(response.text, /value="Pesos mal"/);
    assert.match(response.text, /name="criterion_weight"[^>]*value="30"/);
    assert.match(response.text, /name="criterion_name" value="Facilidad de uso"/);
    assert.match(response.text, /value="6" checked/);
    assert.match(response.text, /<option value="PUE" selected>/);
    assert.match(response.text, /value="San Pedro Cholula"/);
    assert.equal((await test.database.db.select().from(challenges)).length, before);
  });

  it('explains every other invalid field', async () => {
    const response = await post(member, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody({
        title: '',
        pitch: 'x'.repeat(161),
        sdgs: [],
        stateCode: 'XX',
        dataset_url: ['ftp://datos', ''],
        phase_end: ['2026-01-01', ''],
        criterion_weight: ['60', 'cuarenta', ''],
      }),
    });
    assert.equal(response.status, 422);
    for (const message of [
      'Escribe un título.',
      'El resumen puede tener hasta 160 caracteres.',
      'Elige al menos un Objetivo de Desarrollo Sostenible.',
      'Elige un estado de la lista.',
      'Cada conjunto de datos necesita un título y una dirección',
      'Cada fase necesita nombre',
      'Cada criterio necesita nombre y un peso entero',
    ]) {
      assert.ok(response.text.includes(message), message);
    }
  });

  it('refuses two criteria with the same name, which reviewers could not tell apart', async () => {
    const response = await post(member, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody({ criterion_name: ['Impacto', 'impacto', ''] }),
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Cada criterio necesita un nombre distinto\./);
  });

  it('does not let anyone post for an organization they do not belong to', async () => {
    const response = await post(outsider, '/retos/nuevo', {
      organizationId: organization.id,
      ...challengeFormBody({ title: 'Intruso' }),
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Elige una organización a la que pertenezcas/);
    const rows = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.title, 'Intruso'));
    assert.equal(rows.length, 0);
  });

  it('lets members edit, records what changed, and refuses everyone else', async () => {
    const path = '/retos/contaminacion-del-rio-atoyac/editar';
    assert.equal(
      (await outsider.get(path)).status,
      404,
      'a draft is invisible to other organizations',
    );
    const edited = await post(member, path, challengeFormBody({ pitch: 'Un resumen nuevo.' }));
    assert.equal(edited.status, 303);
    const [row] = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.slug, 'contaminacion-del-rio-atoyac'));
    assert.equal(row!.pitch, 'Un resumen nuevo.');
    const [update] = await test.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'challenge.update'));
    assert.deepEqual(update!.after, { pitch: 'Un resumen nuevo.' });
    assert.deepEqual(update!.before, {
      pitch: 'Registrar cada descarga de aguas residuales con foto y ubicación.',
    });
  });

  it('explains to someone in no organization how to post, instead of a form it would refuse', async () => {
    const { person } = await signInByEmail(test, 'sin-organizacion@example.org');
    const page = await person.get('/retos/nuevo');
    assert.equal(page.status, 200);
    assert.match(page.text, /Los retos los publican organizaciones/);
    assert.match(page.text, /href="\/organizaciones\/nueva"/);
    assert.match(page.text, /href="\/organizaciones"/);
    assert.doesNotMatch(page.text, /name="title"/, 'no form to fill in');
    assert.doesNotMatch(page.text, /action="\/retos\/nuevo"/);

    const refused = await post(person, '/retos/nuevo', challengeFormBody({ title: 'Sin dueño' }));
    assert.equal(refused.status, 422);
    const rows = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.title, 'Sin dueño'));
    assert.equal(rows.length, 0);
  });

  it('sends visitors who are not signed in to sign in', async () => {
    const anonymous = await visitor(test.app).get('/retos/nuevo');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, '/entrar?volver=%2Fretos%2Fnuevo');
  });
});

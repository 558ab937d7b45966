import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { organizations } from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import {
  auditEventsFor,
  relaxedLimits,
  roleIn,
  signedIn,
} from '../../../support/organization-factories.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

const validForm = {
  name: 'Colectivo Agua Clara',
  kind: 'community',
  description: 'Vecinas que **miden** la calidad del agua.',
  stateCode: 'OAX',
  municipality: 'Santa Lucía del Camino',
  websiteUrl: 'https://agua-clara.example.org',
};

describe('/organizaciones', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp(relaxedLimits);
    const zapopan = await makeOrganization(test.database.db, {
      name: 'Gobierno de Zapopan',
      slug: 'gobierno-de-zapopan',
      kind: 'government',
      verifiedAt: new Date(),
    });
    await makeOrganization(test.database.db, {
      name: 'Biblioteca Comunitaria',
      slug: 'biblioteca-comunitaria',
      kind: 'community',
    });
    await makeChallenge(test.database.db, { organizationId: zapopan.id });
    await makeChallenge(test.database.db, {
      organizationId: zapopan.id,
      status: 'draft',
      publishedAt: null,
    });
  });
  after(() => test.close());

  it('lists every organization with its kind, published challenges and verified badge', async () => {
    const page = await visitor(test.app).get('/organizaciones').expect(200);
    assert.match(
      page.text,
      /<a href="\/organizaciones\/gobierno-de-zapopan">Gobierno de Zapopan<\/a>/,
    );
    assert.match(page.text, /<a href="\/organizaciones\/biblioteca-comunitaria">/);
    assert.match(page.text, /1 reto publicado/, 'drafts are not counted');
    const zapopanCard =
      /<li class="card">(?:(?!<\/li>)[\s\S])*Gobierno de Zapopan[\s\S]*?<\/li>/.exec(page.text)![0];
    assert.match(zapopanCard, /class="badge badge--verified"/);
    const libraryCard =
      /<li class="card">(?:(?!<\/li>)[\s\S])*Biblioteca Comunitaria[\s\S]*?<\/li>/.exec(
        page.text,
      )![0];
    assert.doesNotMatch(libraryCard, /badge--verified/);
  });

  it('filters by kind with ?tipo=, and ignores a kind it does not know', async () => {
    const governments = await visitor(test.app).get('/organizaciones?tipo=government').expect(200);
    assert.match(governments.text, /Gobierno de Zapopan/);
    assert.doesNotMatch(governments.text, /Biblioteca Comunitaria/);
    assert.match(governments.text, /href="\/organizaciones\?tipo=government" aria-current="page"/);
    const unknown = await visitor(test.app).get('/organizaciones?tipo=secta').expect(200);
    assert.match(unknown.text, /Gobierno de Zapopan/);
    assert.match(unknown.text, /Biblioteca Comunitaria/);
  });
});

describe('/organizaciones/nueva', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp(relaxedLimits);
  });
  after(() => test.close());

  it('sends visitors who are not signed in to sign in, and back', async () => {
    const response = await visitor(test.app).get('/organizaciones/nueva');
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/entrar?volver=%2Forganizaciones%2Fnueva');
  });

  it('creates the organization, makes its creator the owner and audits it', async () => {
    const { person, user } = await signedIn(test, 'fundadora@example.org');
    const form = await person.get('/organizaciones/nueva').expect(200);
    const response = await person.postForm('/organizaciones/nueva', {
      _csrf: csrfTokenIn(form.text),
      ...validForm,
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/organizaciones/colectivo-agua-clara?aviso=creada');
    const [created] = await test.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.slug, 'colectivo-agua-clara'));
    assert.equal(created!.name, 'Colectivo Agua Clara');
    assert.equal(created!.kind, 'community');
    assert.equal(created!.stateCode, 'OAX');
    assert.equal(created!.municipality, 'Santa Lucía del Camino');
    assert.equal(created!.websiteUrl, 'https://agua-clara.example.org');
    assert.equal(created!.verifiedAt, null);
    assert.equal(await roleIn(test.database.db, created!, user), 'owner');
    const [event] = await auditEventsFor(test.database.db, created!.id, 'organization.create');
    assert.equal(event!.actorId, user.id);
    assert.equal(event!.organizationId, created!.id);
    assert.equal((event!.after as { name: string }).name, 'Colectivo Agua Clara');

    const profile = await person.get(response.headers.location).expect(200);
    assert.match(profile.text, /<h1>Colectivo Agua Clara<\/h1>/);
    assert.match(profile.text, /Registramos tu organización/);
    assert.match(profile.text, /<strong>miden<\/strong>/, 'the description is Markdown');
  });

  it('gives a second organization with the same name its own slug, and never "nueva"', async () => {
    const { person } = await signedIn(test, 'segunda@example.org');
    const slugs: string[] = [];
    for (const name of ['Colectivo Agua Clara', 'Colectivo Agua Clara', 'Nueva']) {
      const form = await person.get('/organizaciones/nueva').expect(200);
      const response = await person.postForm('/organizaciones/nueva', {
        _csrf: csrfTokenIn(form.text),
        name,
        kind: 'ngo',
      });
      assert.equal(response.status, 303);
      slugs.push(/^\/organizaciones\/([^?]+)/.exec(String(response.headers.location))![1]!);
    }
    assert.deepEqual(slugs, ['colectivo-agua-clara-2', 'colectivo-agua-clara-3', 'nueva-2']);
    const national = await visitor(test.app).get('/organizaciones/colectivo-agua-clara-2');
    assert.match(national.text, /Alcance nacional/);
  });

  it('refuses bad input with 422, per-field messages and the values typed, creating nothing', async () => {
    const { person } = await signedIn(test, 'prisas@example.org');
    const before = await test.database.db.select().from(organizations);
    const form = await person.get('/organizaciones/nueva').expect(200);
    const response = await person.postForm('/organizaciones/nueva', {
      _csrf: csrfTokenIn(form.text),
      name: '   ',
      description: 'Lo que hacemos <b>bien</b>',
      stateCode: '',
      municipality: 'Tlacolula',
      websiteUrl: 'agua.example.org',
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Escribe el nombre de la organización\./);
    assert.match(response.text, /Elige el tipo de organización\./);
    assert.match(response.text, /Elige el estado del municipio/);
    assert.match(response.text, /empezando con https:\/\//);
    const nameInput = response.text.match(/<input id="name" name="name"[^>]*>/)?.[0] ?? '';
    assert.match(nameInput, / aria-invalid="true"/);
    assert.match(nameInput, / aria-describedby="name-hint name-error"/);
    assert.match(nameInput, / maxlength="120"/);
    assert.match(response.text, /<p class="field-error" id="websiteUrl-error">/);
    assert.match(response.text, />Lo que hacemos &lt;b&gt;bien&lt;\/b&gt;<\/textarea>/);
    assert.match(response.text, /value="Tlacolula"/);
    assert.match(response.text, /value="agua.example.org"/);
    assert.match(response.text, /<a href="#kind">/, 'the summary links to the field');

    const kept = await person.postForm('/organizaciones/nueva', {
      _csrf: csrfTokenIn(response.text),
      ...validForm,
      name: 'x'.repeat(121),
      kind: 'ngo',
      stateCode: 'ATLANTIS',
    });
    assert.equal(kept.status, 422);
    assert.match(kept.text, /hasta 120 caracteres/);
    assert.match(kept.text, /Elige un estado de la lista\./);
    assert.match(kept.text, /value="ngo" checked/);
    assert.match(kept.text, /value="https:\/\/agua-clara.example.org"/);
    assert.deepEqual(await test.database.db.select().from(organizations), before);
  });

  it('changes nothing when the form comes without its CSRF token', async () => {
    const { person } = await signedIn(test, 'sin-token@example.org');
    const response = await person.postForm('/organizaciones/nueva', {
      ...validForm,
      name: 'Organización Fantasma',
    });
    assert.equal(response.status, 403);
    const rows = await test.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.name, 'Organización Fantasma'));
    assert.equal(rows.length, 0);
  });
});

describe('/organizaciones/:slug', () => {
  let test: TestApp;
  let organization: typeof organizations.$inferSelect;
  before(async () => {
    test = await buildTestApp(relaxedLimits);
    organization = await makeOrganization(test.database.db, {
      name: 'Colonia Reforma',
      slug: 'colonia-reforma',
      stateCode: 'OAX',
      municipality: 'Oaxaca de Juárez',
      websiteUrl: 'https://reforma.example.org',
    });
    await makeChallenge(test.database.db, {
      organizationId: organization.id,
      slug: 'baches-de-reforma',
      title: 'Baches de la colonia',
    });
    await makeChallenge(test.database.db, {
      organizationId: organization.id,
      slug: 'borrador-de-reforma',
      title: 'Borrador interno',
      status: 'draft',
      publishedAt: null,
    });
    await makeChallenge(test.database.db, { title: 'Reto de otra organización' });
  });
  after(() => test.close());

  it('shows the profile and its published challenges to anyone, drafts only to members', async () => {
    const page = await visitor(test.app).get('/organizaciones/colonia-reforma').expect(200);
    assert.match(page.text, /<h1>Colonia Reforma<\/h1>/);
    assert.match(page.text, /Comunidad/);
    assert.match(page.text, /Oaxaca de Juárez, Oaxaca/);
    assert.match(page.text, /href="https:\/\/reforma.example.org" rel="nofollow ugc noopener"/);
    assert.match(page.text, /<a href="\/retos\/baches-de-reforma">Baches de la colonia<\/a>/);
    assert.doesNotMatch(page.text, /Borrador interno/);
    assert.doesNotMatch(page.text, /Reto de otra organización/);
    assert.doesNotMatch(page.text, /\/organizaciones\/colonia-reforma\/editar/);
    assert.doesNotMatch(page.text, /badge--verified/);

    const outsider = await signedIn(test, 'vecina-ajena@example.org');
    const seenByOutsider = await outsider.person.get('/organizaciones/colonia-reforma');
    assert.doesNotMatch(seenByOutsider.text, /Borrador interno/);

    const member = await signedIn(test, 'vecina@example.org', { organization, role: 'member' });
    const seenByMember = await member.person.get('/organizaciones/colonia-reforma').expect(200);
    assert.match(seenByMember.text, /<a href="\/retos\/borrador-de-reforma">Borrador interno<\/a>/);
    assert.match(seenByMember.text, /href="\/organizaciones\/colonia-reforma\/editar"/);
    assert.match(seenByMember.text, /href="\/organizaciones\/colonia-reforma\/miembros"/);
  });

  it('answers an unknown organization with 404', async () => {
    assert.equal((await visitor(test.app).get('/organizaciones/no-existe')).status, 404);
  });

  it('lets members edit the profile, keeping the slug, and audits the change', async () => {
    const { person, user } = await signedIn(test, 'editora@example.org', {
      organization,
      role: 'member',
    });
    const form = await person.get('/organizaciones/colonia-reforma/editar').expect(200);
    assert.match(form.text, /value="Colonia Reforma"/);
    assert.match(form.text, /<option value="OAX" selected>Oaxaca<\/option>/);
    const response = await person.postForm('/organizaciones/colonia-reforma/editar', {
      _csrf: csrfTokenIn(form.text),
      name: 'Colonia Reforma Unida',
      kind: 'community',
      description: 'Nueva descripción.',
      stateCode: 'OAX',
      municipality: 'Oaxaca de Juárez',
      websiteUrl: '',
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/organizaciones/colonia-reforma?aviso=guardada');
    const [row] = await test.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    assert.equal(row!.name, 'Colonia Reforma Unida');
    assert.equal(row!.slug, 'colonia-reforma');
    assert.equal(row!.websiteUrl, null);
    const [event] = await auditEventsFor(test.database.db, organization.id, 'organization.update');
    assert.equal(event!.actorId, user.id);
    assert.deepEqual(event!.before, {
      name: 'Colonia Reforma',
      description: '',
      websiteUrl: 'https://reforma.example.org',
    });
    assert.deepEqual(event!.after, {
      name: 'Colonia Reforma Unida',
      description: 'Nueva descripción.',
      websiteUrl: null,
    });
  });

  it('shows the edit form again with 422 and what was typed', async () => {
    const { person } = await signedIn(test, 'editora-2@example.org', {
      organization,
      role: 'owner',
    });
    const form = await person.get('/organizaciones/colonia-reforma/editar').expect(200);
    const response = await person.postForm('/organizaciones/colonia-reforma/editar', {
      _csrf: csrfTokenIn(form.text),
      name: '',
      kind: 'academic',
      description: 'Texto que no se pierde',
      stateCode: 'JAL',
      municipality: '',
      websiteUrl: 'ftp://reforma.example.org',
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Escribe el nombre de la organización\./);
    assert.match(response.text, />Texto que no se pierde<\/textarea>/);
    assert.match(response.text, /<option value="JAL" selected>Jalisco<\/option>/);
    assert.match(response.text, /value="academic" checked/);
    const [row] = await test.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    assert.notEqual(row!.name, '');
  });

  it('keeps people outside the organization from editing it', async () => {
    const anonymous = await visitor(test.app).get('/organizaciones/colonia-reforma/editar');
    assert.equal(anonymous.status, 303);
    const { person } = await signedIn(test, 'intrusa@example.org');
    assert.equal((await person.get('/organizaciones/colonia-reforma/editar')).status, 403);
    const page = await person.get('/organizaciones/colonia-reforma').expect(200);
    const response = await person.postForm('/organizaciones/colonia-reforma/editar', {
      _csrf: csrfTokenIn(page.text),
      name: 'Tomada',
      kind: 'community',
    });
    assert.equal(response.status, 403);
    const [row] = await test.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    assert.notEqual(row!.name, 'Tomada');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { challenges, users, type Organization } from '../../../../models/schema/index.ts';
import { challengeFormBody } from '../../../support/challenge-form.ts';
import { roomyLimits } from '../../../support/claim-factories.ts';
import { databaseSnapshot } from '../../../support/database-snapshot.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { signedIn } from '../../../support/organization-factories.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';

// What the database cannot store, dates that do not exist, bodies of the wrong kind and text
// longer than a field takes: each gets a page that says what is wrong and keeps what was typed.

type Person = Awaited<ReturnType<typeof signedIn>>['person'];
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '00000000-0000-4000-8000-000000000000';

describe('the input boundary', () => {
  let test: TestApp;
  let organization: Organization;
  let member: Person;
  let memberId: string;
  let csrf: string;

  before(async () => {
    test = await buildTestApp(roomyLimits);
    organization = await makeOrganization(test.database.db);
    const signed = await signedIn(test, 'borde@example.org', { organization, name: 'Borde' });
    member = signed.person;
    memberId = signed.user.id;
    csrf = csrfTokenIn((await member.get('/cuenta')).text);
  });
  after(async () => {
    await test.close();
  });

  const challengeBody = (overrides: Record<string, string> = {}) =>
    challengeFormBody({ organizationId: organization.id, _csrf: csrf, ...overrides });
  const postChallenge = (body: object) => member.agent.post('/retos/nuevo').type('form').send(body);
  const storedName = async () =>
    (await test.database.db.select().from(users).where(eq(users.id, memberId)))[0]!.name;

  it('keeps a search with a NUL in it, without the NUL', async () => {
    const page = await member.get('/retos?q=agua%00potable').expect(200);
    assert.match(page.text, /name="q" value="aguapotable"/);
  });

  it('answers 404 to addresses naming something with a NUL or broken UTF-8', async () => {
    for (const path of [
      '/retos/%00',
      '/organizaciones/%00',
      '/voluntarios/a%00b',
      '/retos/%ED%A0%80',
    ]) {
      await member.get(path).expect(404);
    }
  });

  it('filters the ledger by an office name with a NUL in it, in every format', async () => {
    for (const path of ['/patrocinios', '/patrocinios.csv', '/patrocinios.json']) {
      await member.get(`${path}?oficina=%00`).expect(200);
    }
  });

  it('saves a name pasted with NUL characters, without them', async () => {
    await member
      .postForm('/cuenta', { _csrf: csrf, name: 'Ana\u0000 Pérez', bio: '', locale: 'es' })
      .expect(303);
    assert.equal(await storedName(), 'Ana Pérez');
  });

  it('cleans NUL and lone surrogates out of a JSON challenge instead of failing', async () => {
    const response = await member.agent
      .post('/retos/nuevo')
      .type('json')
      .send(challengeBody({ title: 'Agua\u0000 para\ud800 todos', problem: 'Sin\u0000 agua.' }))
      .expect(303);
    const slug = String(response.headers.location).split('/').pop()!;
    const [saved] = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.slug, slug));
    assert.equal(saved!.title, 'Agua para\ufffd todos');
    assert.equal(saved!.problem, 'Sin agua.');
  });

  it('takes JSON shaped like a form, and refuses nested objects with a 400 that changes nothing', async () => {
    const slug = (await makeChallenge(test.database.db, { organizationId: organization.id })).slug;
    const before = await databaseSnapshot(test.database.db);
    for (const path of [`/retos/${slug}/replicar`, `/retos/${slug}/patrocinar`, '/cuenta']) {
      const response = await member.agent
        .post(path)
        .type('json')
        .send({ _csrf: csrf, organizationId: { id: organization.id }, name: ['a', { b: 1 }] });
      assert.equal(response.status, 400, path);
      assert.match(response.text, /No pudimos entender lo que se envió/);
    }
    assert.equal(await databaseSnapshot(test.database.db), before);
    await member.agent
      .post('/cuenta')
      .type('json')
      .send({ _csrf: csrf, name: 'Ana', bio: null, locale: 'es', skills: 'mapas' })
      .expect(303);
  });

  it('refuses bodies that are neither a form nor JSON with a 415 page, changing nothing', async () => {
    const before = await databaseSnapshot(test.database.db);
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
      const response = await member.agent
        .post('/cuenta')
        .set('content-type', type)
        .set('x-csrf-token', csrf)
        .send('name=Otra');
      assert.equal(response.status, 415, type);
      assert.match(response.text, /Formato no admitido/);
      assert.match(response.text, /action="\/salir"/, 'the page still shows who is signed in');
    }
    assert.equal(await databaseSnapshot(test.database.db), before);
  });

  it('refuses a deadline that does not exist rather than rolling it over, keeping the form', async () => {
    for (const deadline of ['2026-02-30', '0000-01-01', '+275760-09-13']) {
      const before = await databaseSnapshot(test.database.db);
      const response = await postChallenge(
        challengeBody({ deadline, title: 'Fecha imposible' }),
      ).expect(422);
      assert.match(response.text, /value="Fecha imposible"/);
      assert.ok(response.text.includes(`value="${deadline}"`), `${deadline} is kept`);
      assert.equal(await databaseSnapshot(test.database.db), before);
    }
  });

  it('answers a tampered cursor naming year 0000 or +275760 with the first-page link', async () => {
    for (const instant of ['0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z']) {
      const page = await member.get(
        `/retos?cursor=${cursor({ o: 'newest', k: [instant], i: ID })}`,
      );
      assert.equal(page.status, 400);
      assert.match(page.text, /href="\/retos"/);
    }
  });

  it('gives a 340 KB paste the form back with every field kept and the limit named', async () => {
    const pasted = 'Texto pegado de un PDF con acentos: ñandú. '.repeat(8000);
    const response = await postChallenge(
      challengeBody({ problem: pasted, title: 'Un reto largo' }),
    ).expect(422);
    assert.match(response.text, /value="Un reto largo"/);
    assert.ok(response.text.includes(pasted.trim()), 'the pasted text comes back');
    assert.match(response.text, /como máximo 10000 caracteres/);
    assert.match(response.text, /action="\/salir"/);
  });

  it('names the 2 MB limit on a body past it, on a page that knows who is signed in', async () => {
    const response = await postChallenge(challengeBody({ problem: 'a'.repeat(3_000_000) }));
    assert.equal(response.status, 413);
    assert.match(response.text, /2 MB/);
    assert.match(response.text, /action="\/salir"/);
  });

  it('states each challenge field limit beside it and on the control', async () => {
    const page = await member.get('/retos/nuevo').expect(200);
    assert.match(
      page.text,
      /<textarea id="problem" name="problem" rows="6" aria-describedby="problem-hint" maxlength="10000">/,
    );
    assert.match(page.text, /id="problem-hint">[^<]*Hasta 10000 caracteres\./);
    assert.match(page.text, /id="title"[^>]*maxlength="140"/);
  });

  it('shows Markdown nested thousands deep as text instead of failing every visitor', async () => {
    const deep = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      problem: `${'>'.repeat(9000)} fondo`,
    });
    const page = await member.get(`/retos/${deep.slug}`).expect(200);
    assert.match(page.text, /&gt;&gt;&gt;&gt;/);
    const question = await member
      .postForm(`/retos/${deep.slug}/preguntas`, {
        _csrf: csrf,
        body: `${'>'.repeat(2000)} ¿hay datos?`,
      })
      .expect(303);
    assert.ok(question.headers.location);
    await member.get(`/retos/${deep.slug}`).expect(200);
  });
});

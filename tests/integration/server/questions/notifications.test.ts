import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Challenge, Organization, User } from '../../../../models/schema/index.ts';
import { createTranslator } from '../../../../server/i18n/index.ts';
import { renderEmail } from '../../../../server/mail/templates.ts';
import { roomyLimits, signedInPerson } from '../../../support/claim-factories.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';
import { newEmails, outboxIds, postFrom, questionsOf, type Person } from './question-helpers.ts';

describe('emails about questions and answers', () => {
  let test: TestApp;
  let organization: Organization;
  let challenge: Challenge;
  let ana: { person: Person; user: User };
  let beto: { person: Person; user: User };
  let olga: { person: Person; user: User };
  let pablo: User;
  let questionId: string;

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    organization = await makeOrganization(db, { name: 'Vecinos del Atoyac' });
    challenge = await makeChallenge(db, {
      organizationId: organization.id,
      title: 'Descargas al río',
    });
    ana = await signedInPerson(test, 'ana@example.org', { login: 'ana-dev', name: 'Ana Ruiz' });
    beto = await signedInPerson(test, 'beto@example.org', { name: 'Beto' });
    olga = await signedInPerson(test, 'olga@example.org', { organization, name: 'Olga' });
    pablo = await makeMember(db, organization, {
      email: 'pablo@example.org',
      contactEmail: 'avisos-pablo@example.org',
      locale: 'en',
    });
    await makeMember(db, organization, { email: 'ida@example.org', deletedAt: new Date() });
  });
  after(() => test.close());

  const ask = (person: Person, body: string) =>
    postFrom(person, challenge, `/retos/${challenge.slug}/preguntas`, { body });
  const answer = (person: Person, body: string) =>
    postFrom(person, challenge, `/retos/${challenge.slug}/preguntas/${questionId}/respuestas`, {
      body,
    });
  const addresses = (rows: { toAddress: string }[]) => rows.map((row) => row.toAddress).sort();

  it('tells the organization’s members about a new question, not the asker', async () => {
    const db = test.database.db;
    const before = await outboxIds(db);
    const body = `¿Los datos de **descargas** son públicos? <script>alert(1)</script> & ${'más '.repeat(120)}`;
    assert.equal((await ask(ana.person, body)).status, 303);
    questionId = (await questionsOf(db, challenge))[0]!.id;

    const rows = await newEmails(db, before, 'challenge-question');
    assert.deepEqual(addresses(rows), ['avisos-pablo@example.org', 'olga@example.org']);
    const link = `${test.config.baseUrl}/retos/${challenge.slug}/preguntas/${questionId}`;
    for (const row of rows) {
      assert.equal(row.kind, 'discussion');
      assert.equal(row.data.link, link);
      assert.equal(row.data.challenge, 'Descargas al río');
      assert.equal(row.data.author, 'Ana Ruiz');
      const excerpt = String(row.data.excerpt);
      assert.ok(excerpt.length <= 300, `excerpt of ${excerpt.length} characters`);
      assert.ok(excerpt.startsWith('¿Los datos de descargas son públicos? & más más'), excerpt);
      assert.doesNotMatch(excerpt, /script|alert|\*\*/);
      for (const value of Object.values(row.data)) assert.equal(typeof value, 'string');
    }
    const language = Object.fromEntries(rows.map((row) => [row.toAddress, row.language]));
    assert.deepEqual(language, { 'olga@example.org': 'es', 'avisos-pablo@example.org': 'en' });
    assert.equal(rows.find((row) => row.language === 'en')!.recipientId, pablo.id);
    assert.equal((await outboxIds(db)).size - before.size, rows.length, 'nothing else was written');
  });

  it('does not tell a member of the organization about their own question', async () => {
    const db = test.database.db;
    const before = await outboxIds(db);
    const other = await makeChallenge(db, { organizationId: organization.id });
    const asked = await postFrom(olga.person, other, `/retos/${other.slug}/preguntas`, {
      body: 'Nota para quien participe: los datos cambian cada mes.',
    });
    assert.equal(asked.status, 303);
    assert.deepEqual(addresses(await newEmails(db, before, 'challenge-question')), [
      'avisos-pablo@example.org',
    ]);
  });

  it('tells the asker, earlier answerers and the organization about an answer, never its writer', async () => {
    const db = test.database.db;
    let before = await outboxIds(db);
    assert.equal((await answer(beto.person, 'Sí, están en el portal del municipio.')).status, 303);
    let rows = await newEmails(db, before, 'question-answer');
    assert.deepEqual(addresses(rows), [
      'ana@example.org',
      'avisos-pablo@example.org',
      'olga@example.org',
    ]);
    const link = `${test.config.baseUrl}/retos/${challenge.slug}/preguntas/${questionId}`;
    for (const row of rows) {
      assert.equal(row.kind, 'discussion');
      assert.equal(row.data.link, link);
      assert.equal(row.data.author, 'Beto');
      assert.equal(row.data.excerpt, 'Sí, están en el portal del municipio.');
    }

    before = await outboxIds(db);
    assert.equal((await answer(olga.person, 'Confirmamos: se actualizan cada mes.')).status, 303);
    rows = await newEmails(db, before, 'question-answer');
    assert.deepEqual(addresses(rows), [
      'ana@example.org',
      'avisos-pablo@example.org',
      'beto@example.org',
    ]);

    before = await outboxIds(db);
    assert.equal((await answer(ana.person, '¡Gracias a las dos personas!')).status, 303);
    rows = await newEmails(db, before, 'question-answer');
    assert.deepEqual(addresses(rows), [
      'avisos-pablo@example.org',
      'beto@example.org',
      'olga@example.org',
    ]);
  });

  it('writes no email when the answer is refused', async () => {
    const db = test.database.db;
    const before = await outboxIds(db);
    assert.equal((await answer(beto.person, 'Corto')).status, 422);
    assert.equal((await ask(beto.person, 'Corto')).status, 422);
    assert.equal((await outboxIds(db)).size, before.size);
  });

  it('renders both emails in each reader’s language, with subjects that stand alone', async () => {
    const db = test.database.db;
    const [asked] = await newEmails(db, new Set(), 'challenge-question');
    const [answered] = await newEmails(db, new Set(), 'question-answer');
    const translator = createTranslator();
    const render = (template: string, data: Record<string, unknown>, lang: 'es' | 'en') =>
      renderEmail(template, { t: translator.t(lang), lang, ...data });

    const question = render('challenge-question', asked!.data, 'es');
    assert.equal(question.subject, 'Nueva pregunta sobre el reto «Descargas al río»');
    assert.match(
      question.text,
      /Ana Ruiz hizo una pregunta pública sobre el reto «Descargas al río»/,
    );
    assert.ok(question.text.includes(String(asked!.data.link)));
    assert.ok(question.html.includes(`href="${asked!.data.link}"`));
    assert.doesNotMatch(question.html, /<script/);
    const english = render('challenge-question', asked!.data, 'en');
    assert.equal(english.subject, 'New question about the challenge “Descargas al río”');

    const reply = render('question-answer', answered!.data, 'es');
    assert.equal(reply.subject, 'Nueva respuesta a una pregunta sobre el reto «Descargas al río»');
    assert.match(reply.text, /Beto respondió una pregunta/);
    assert.match(reply.text, /¿Los datos de descargas son públicos\?/);
    const unnamed = render('question-answer', { ...answered!.data, author: '' }, 'en');
    assert.match(unnamed.text, /Unnamed person answered a question/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Challenge, type Organization, type User } from '../../../../models/schema/index.ts';
import { roomyLimits, signedInPerson } from '../../../support/claim-factories.ts';
import { makeChallenge, makeOrganization, makeUser } from '../../../support/factories.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';
import {
  anchorsIn,
  answersOf,
  countQuestionsAndAnswers,
  makeQuestion,
  postFrom,
  questionHtml,
  questionsOf,
  type Person,
} from './question-helpers.ts';

describe('questions and answers on a challenge page', () => {
  let test: TestApp;
  let organization: Organization;
  let challenge: Challenge;
  let ana: { person: Person; user: User };
  let beto: { person: Person; user: User };
  let olga: { person: Person; user: User };

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    organization = await makeOrganization(db, { name: 'Vecinos del Atoyac' });
    challenge = await makeChallenge(db, { organizationId: organization.id, title: 'Descargas' });
    ana = await signedInPerson(test, 'ana@example.org', { login: 'ana-dev', name: 'Ana Ruiz' });
    beto = await signedInPerson(test, 'beto@example.org', { name: 'Beto Sánchez' });
    olga = await signedInPerson(test, 'olga@example.org', { organization, name: 'Olga Pérez' });
  });
  after(() => test.close());

  const ask = (person: Person, body: string, target: Challenge = challenge) =>
    postFrom(person, target, `/retos/${target.slug}/preguntas`, { body });
  const answer = (person: Person, questionId: string, body: string, target = challenge) =>
    postFrom(person, target, `/retos/${target.slug}/preguntas/${questionId}/respuestas`, {
      body,
    });

  it('shows visitors the section with a sign-in link back to it, and no forms', async () => {
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    assert.match(page.text, /<h2 id="questions-heading">Preguntas<\/h2>/);
    assert.match(page.text, /Todavía nadie ha preguntado nada sobre este reto\./);
    const back = encodeURIComponent(`/retos/${challenge.slug}#preguntas`);
    // Handlebars writes the `=` of an attribute as &#x3D;.
    const link = page.text.replaceAll('&#x3D;', '=');
    assert.ok(link.includes(`href="/entrar?volver=${back}">Entra para preguntar o responder</a>`));
    assert.doesNotMatch(page.text, /\/preguntas"/, 'visitors get no form to ask');
  });

  it('lets a signed-in person ask and others answer, oldest first, with the organization badge', async () => {
    const form = await ana.person.get(`/retos/${challenge.slug}`);
    assert.match(form.text, new RegExp(`action="/retos/${challenge.slug}/preguntas"`));

    const asked = await ask(ana.person, '¿Los datos de **descargas** son públicos?');
    assert.equal(asked.status, 303);
    const [question] = await questionsOf(test.database.db, challenge);
    assert.ok(question);
    assert.equal(asked.headers.location, `/retos/${challenge.slug}#pregunta-${question.id}`);
    assert.equal(question.authorId, ana.user.id);
    assert.equal(question.body, '¿Los datos de **descargas** son públicos?');

    const byOrganization = await answer(
      olga.person,
      question.id,
      '  Sí, en el portal del municipio.  ',
    );
    assert.equal(byOrganization.status, 303);
    assert.equal(
      byOrganization.headers.location,
      `/retos/${challenge.slug}#pregunta-${question.id}`,
    );
    const byVolunteer = await answer(beto.person, question.id, 'También están en datos.gob.mx');
    assert.equal(byVolunteer.status, 303);
    const answers = await answersOf(test.database.db, question);
    assert.equal(answers.length, 2);
    assert.ok(
      answers.some((row) => row.body === 'Sí, en el portal del municipio.'),
      'trimmed',
    );

    const second = await ask(beto.person, '¿Hay un presupuesto para alojar la solución?');
    assert.equal(second.status, 303);
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    const secondId = (await questionsOf(test.database.db, challenge)).find(
      (row) => row.id !== question.id,
    )!.id;
    assert.deepEqual(anchorsIn(page.text), [question.id, secondId], 'oldest question first');

    const first = questionHtml(page.text, question.id);
    assert.match(first, /¿Los datos de <strong>descargas<\/strong> son públicos\?/);
    assert.match(first, /<a href="\/voluntarios\/ana-dev">Ana Ruiz<\/a>/);
    assert.match(first, /preguntó el \d+ \w+ \d{4}/);
    const olgaAt = first.indexOf('Olga Pérez');
    const betoAt = first.indexOf('Beto Sánchez');
    assert.ok(olgaAt > 0 && betoAt > olgaAt, 'answers oldest first');
    const badges = [...first.matchAll(/Respuesta de la organización/g)];
    assert.equal(badges.length, 1, 'only the member of the organization gets the badge');
    const badgeAt = first.indexOf('Respuesta de la organización');
    assert.ok(badgeAt > olgaAt && badgeAt < betoAt, 'the badge is on the organization’s answer');
    assert.match(first, /<p>Sí, en el portal del municipio\.<\/p>/);
    assert.doesNotMatch(questionHtml(page.text, secondId), /Respuesta de la organización/);
  });

  it('shows the answer form to signed-in people only', async () => {
    const [question] = await questionsOf(test.database.db, challenge);
    const action = `action="/retos/${challenge.slug}/preguntas/${question!.id}/respuestas"`;
    assert.ok((await beto.person.get(`/retos/${challenge.slug}`)).text.includes(action));
    assert.ok(!(await visitor(test.app).get(`/retos/${challenge.slug}`)).text.includes(action));
  });

  it('answers 422 with the message and the typed text, writing nothing', async () => {
    const db = test.database.db;
    const counts = await countQuestionsAndAnswers(db);

    const short = await ask(ana.person, '   ¿Y <eso>?   ');
    assert.equal(short.status, 422);
    assert.match(short.text, /Escribe al menos 10 caracteres\./);
    assert.match(short.text, /aria-invalid="true"/);
    assert.ok(short.text.includes('>   ¿Y &lt;eso&gt;?   </textarea>'), 'keeps what was typed');
    const long = await ask(ana.person, 'x'.repeat(4001));
    assert.equal(long.status, 422);
    assert.match(long.text, /usa como máximo 4000 caracteres/);
    assert.ok(long.text.includes(`>${'x'.repeat(4001)}</textarea>`));

    const [question] = await questionsOf(db, challenge);
    const tooShort = await answer(beto.person, question!.id, 'No sé');
    assert.equal(tooShort.status, 422);
    assert.match(tooShort.text, /Escribe al menos 10 caracteres\./);
    assert.match(tooShort.text, />No sé<\/textarea>/);
    assert.match(tooShort.text, /¿Los datos de <strong>descargas<\/strong> son públicos\?/);
    assert.match(
      tooShort.text,
      new RegExp(`action="/retos/${challenge.slug}/preguntas/${question!.id}/respuestas"`),
    );
    const missing = await beto.person.postForm(
      `/retos/${challenge.slug}/preguntas/${question!.id}/respuestas`,
      { _csrf: csrfTokenIn(tooShort.text) },
    );
    assert.equal(missing.status, 422, 'no body at all is a 422, not a 500');

    assert.deepEqual(await countQuestionsAndAnswers(db), counts, 'nothing was written');
  });

  it('sends visitors who post to sign in, writing nothing', async () => {
    const db = test.database.db;
    const counts = await countQuestionsAndAnswers(db);
    const [question] = await questionsOf(db, challenge);
    const someone = visitor(test.app);
    const token = await someone.csrfToken('/entrar');
    for (const path of [
      `/retos/${challenge.slug}/preguntas`,
      `/retos/${challenge.slug}/preguntas/${question!.id}/respuestas`,
    ]) {
      const refused = await someone.postForm(path, {
        _csrf: token,
        body: 'Una pregunta sin haber entrado.',
      });
      assert.equal(refused.status, 303, path);
      assert.match(String(refused.headers.location), /^\/entrar/);
    }
    assert.deepEqual(await countQuestionsAndAnswers(db), counts);
  });

  it('refuses questions and answers unless the challenge is open or in progress', async () => {
    const db = test.database.db;
    const working = await makeChallenge(db, {
      organizationId: organization.id,
      status: 'in_progress',
    });
    assert.equal((await ask(beto.person, '¿Ya tienen un equipo trabajando?', working)).status, 303);

    const counts = await countQuestionsAndAnswers(db);
    for (const overrides of [
      { status: 'closed' as const },
      { status: 'solved' as const },
      { archived: true },
    ]) {
      const shut = await makeChallenge(db, { organizationId: organization.id, ...overrides });
      const earlier = await makeQuestion(db, shut, ana.user);
      const page = await beto.person.get(`/retos/${shut.slug}`);
      assert.match(page.text, /Este reto ya no recibe preguntas ni respuestas\./);
      assert.match(page.text, /¿Qué formato tienen los datos de descargas\?/, 'still shown');
      assert.doesNotMatch(page.text, /\/preguntas"/);
      assert.doesNotMatch(page.text, /\/respuestas"/);
      const refused = await ask(beto.person, '¿Todavía se puede participar?', shut);
      assert.equal(refused.status, 403, JSON.stringify(overrides));
      assert.match(refused.text, /solo se puede preguntar mientras está abierto o en desarrollo/);
      const noAnswer = await answer(olga.person, earlier.id, 'Ya no, el reto terminó.', shut);
      assert.equal(noAnswer.status, 403);
    }
    const now = await countQuestionsAndAnswers(db);
    assert.equal(now.answers, counts.answers);
    assert.equal(now.questions, counts.questions + 3, 'only the questions made for the test');

    const draft = await makeChallenge(db, { organizationId: organization.id, status: 'draft' });
    const own = await olga.person.get(`/retos/${draft.slug}`).expect(200);
    assert.match(own.text, /Se podrán hacer preguntas cuando el reto se publique\./);
    assert.equal((await ask(olga.person, '¿Esto ya se puede preguntar?', draft)).status, 403);
    const hidden = await beto.person.postForm(`/retos/${draft.slug}/preguntas`, {
      _csrf: csrfTokenIn((await beto.person.get(`/retos/${challenge.slug}`)).text),
      body: '¿Esto ya se puede preguntar?',
    });
    assert.equal(hidden.status, 404, 'a draft is not public');
    assert.equal((await questionsOf(db, draft)).length, 0);
  });

  it('answers 404 for unknown challenges and questions, and questions of another challenge', async () => {
    const db = test.database.db;
    const other = await makeChallenge(db, { organizationId: organization.id });
    const foreign = await makeQuestion(db, other, ana.user);
    const counts = await countQuestionsAndAnswers(db);
    const body = 'Una respuesta que no va en ningún lado.';
    assert.equal((await answer(beto.person, foreign.id, body)).status, 404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    assert.equal((await answer(beto.person, unknown, body)).status, 404);
    assert.equal((await answer(beto.person, 'no-es-un-id', body)).status, 404);
    const token = csrfTokenIn((await beto.person.get(`/retos/${challenge.slug}`)).text);
    const nowhere = await beto.person.postForm('/retos/no-existe/preguntas', {
      _csrf: token,
      body,
    });
    assert.equal(nowhere.status, 404);
    assert.deepEqual(await countQuestionsAndAnswers(db), counts);
  });

  it('renders bodies as sanitised Markdown', async () => {
    const db = test.database.db;
    const target = await makeChallenge(db, { organizationId: organization.id });
    const asked = await ask(
      ana.person,
      'Hola <script>alert("pregunta")</script> <img src=x onerror="alert(1)"> [enlace](javascript:alert(2))',
      target,
    );
    assert.equal(asked.status, 303);
    const [question] = await questionsOf(db, target);
    await answer(
      beto.person,
      question!.id,
      'Respuesta <script>alert("respuesta")</script> *bien*',
      target,
    );
    const page = await visitor(test.app).get(`/retos/${target.slug}`).expect(200);
    const html = questionHtml(page.text, question!.id);
    assert.match(html, /Hola/);
    assert.match(html, /<em>bien<\/em>/);
    assert.doesNotMatch(page.text, /<script>alert/);
    assert.doesNotMatch(page.text, /onerror/);
    assert.doesNotMatch(page.text, /javascript:/);
  });

  it('names deleted and removed accounts as deleted', async () => {
    const db = test.database.db;
    const target = await makeChallenge(db, { organizationId: organization.id });
    const gone = await makeUser(db, { name: 'Nombre Olvidado', deletedAt: new Date() });
    const deleted = await makeQuestion(db, target, gone, '¿Quién escribió esta pregunta?');
    const removed = await makeQuestion(db, target, null, '¿Y quién escribió esta otra?');
    const page = await visitor(test.app).get(`/retos/${target.slug}`).expect(200);
    assert.match(questionHtml(page.text, deleted.id), /cuenta eliminada/);
    assert.match(questionHtml(page.text, removed.id), /cuenta eliminada/);
    assert.doesNotMatch(page.text, /Nombre Olvidado/);
  });

  it('names a live author who never gave a name as unnamed, not as deleted', async () => {
    const db = test.database.db;
    const target = await makeChallenge(db, { organizationId: organization.id });
    const nameless = await makeUser(db, { name: null });
    const question = await makeQuestion(db, target, nameless, '¿Hay datos abiertos de esto?');
    const page = await visitor(test.app).get(`/retos/${target.slug}`).expect(200);
    assert.match(questionHtml(page.text, question.id), /Persona sin nombre/);
    assert.doesNotMatch(questionHtml(page.text, question.id), /cuenta eliminada/);
  });
});

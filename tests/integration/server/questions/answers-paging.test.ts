import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  questionAnswers,
  type Challenge,
  type ChallengeQuestion,
} from '../../../../models/schema/index.ts';
import { ANSWERS_PAGE_SIZE, ANSWERS_SHOWN } from '../../../../server/questions/answers.ts';
import { makeChallenge, makeUser } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';
import { makeQuestion } from './question-helpers.ts';

const ANSWERS = ANSWERS_PAGE_SIZE + 3;
const FEW = ANSWERS_SHOWN - 1;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
/** The numbers of the answers a page shows, in order. */
const answerNumbers = (html: string, label = 'Respuesta número') =>
  [...html.matchAll(new RegExp(`<p>${label} (\\d+)</p>`, 'g'))].map((match) => Number(match[1]));
const upTo = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => from + n);

describe('the answers under a question, capped on the challenge page and paged apart', () => {
  let test: TestApp;
  let challenge: Challenge;
  let busy: ChallengeQuestion;
  let quiet: ChallengeQuestion;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    challenge = await makeChallenge(db, { title: 'Reto muy comentado' });
    const author = await makeUser(db);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    busy = await makeQuestion(db, challenge, author, '¿Pregunta concurrida?', new Date(start));
    quiet = await makeQuestion(db, challenge, author, '¿Pregunta tranquila?', new Date(start + 1));
    const answer = (questionId: string, body: string, n: number) => ({
      questionId,
      authorId: author.id,
      body,
      createdAt: new Date(start + 60_000 + n * 1000),
    });
    await db
      .insert(questionAnswers)
      .values([
        ...Array.from({ length: ANSWERS }, (_, n) => answer(busy.id, `Respuesta número ${n}`, n)),
        ...Array.from({ length: FEW }, (_, n) => answer(quiet.id, `Respuesta breve ${n}`, n)),
      ]);
  });
  after(() => test.close());

  const answersUrl = (question: ChallengeQuestion) =>
    `/retos/${challenge.slug}/preguntas/${question.id}/respuestas`;

  it('shows the first few answers of a long thread and links to all of them', async () => {
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    assert.deepEqual(answerNumbers(page.text), upTo(0, ANSWERS_SHOWN));
    assert.ok(
      page.text.includes(`<a href="${answersUrl(busy)}">Ver las ${ANSWERS} respuestas</a>`),
    );
    assert.match(
      page.text,
      new RegExp(`${ANSWERS} respuestas</h3>`),
      'the count is of every answer',
    );
  });

  it('shows a short thread whole, with no link', async () => {
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`).expect(200);
    assert.deepEqual(answerNumbers(page.text, 'Respuesta breve'), upTo(0, FEW));
    assert.ok(!page.text.includes(answersUrl(quiet)));
  });

  it('pages through every answer of the question on its own page', async () => {
    const first = await visitor(test.app).get(answersUrl(busy)).expect(200);
    assert.deepEqual(answerNumbers(first.text), upTo(0, ANSWERS_PAGE_SIZE));
    assert.match(first.text, new RegExp(`<h1>${ANSWERS} respuestas</h1>`));
    assert.match(first.text, /¿Pregunta concurrida\?/);
    assert.ok(unescaped(first.text).includes(`href="${answersUrl(busy)}?pagina=2" rel="next"`));
    assert.doesNotMatch(first.text, /Respuesta breve/, 'only this question’s answers');

    const second = await visitor(test.app)
      .get(`${answersUrl(busy)}?pagina=2`)
      .expect(200);
    assert.deepEqual(answerNumbers(second.text), upTo(ANSWERS_PAGE_SIZE, ANSWERS));
    assert.match(
      second.text,
      new RegExp(`<ol class="question__answers" start="${ANSWERS_PAGE_SIZE + 1}">`),
    );
  });

  it('falls back to the first page for a tampered page number', async () => {
    for (const pagina of ['0', 'x', '-1', '3', '10000000']) {
      const page = await visitor(test.app).get(answersUrl(busy)).query({ pagina }).expect(200);
      assert.deepEqual(answerNumbers(page.text), upTo(0, ANSWERS_PAGE_SIZE), pagina);
    }
  });

  it('finds no answers page for a question of another challenge or a malformed id', async () => {
    const other = await makeChallenge(test.database.db, { title: 'Otro reto' });
    await visitor(test.app).get(`/retos/${other.slug}/preguntas/${busy.id}/respuestas`).expect(404);
    await visitor(test.app)
      .get(`/retos/${challenge.slug}/preguntas/no-es-id/respuestas`)
      .expect(404);
  });
});

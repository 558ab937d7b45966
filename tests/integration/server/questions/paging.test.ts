import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Challenge, ChallengeQuestion } from '../../../../models/schema/index.ts';
import { QUESTIONS_PAGE_SIZE } from '../../../../server/questions/service.ts';
import { roomyLimits, signedInPerson } from '../../../support/claim-factories.ts';
import { makeChallenge, makeUser } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';
import { anchorsIn, makeQuestion, postFrom } from './question-helpers.ts';

const QUESTIONS = QUESTIONS_PAGE_SIZE * 2 + 5;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');

describe('the questions of a challenge page, in pages', () => {
  let test: TestApp;
  let challenge: Challenge;
  let other: Challenge;
  // Oldest first, as the section lists them.
  let questions: ChallengeQuestion[];

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    challenge = await makeChallenge(db, { title: 'Muchas preguntas' });
    other = await makeChallenge(db, { title: 'Otro reto' });
    const author = await makeUser(db);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    questions = [];
    for (let n = 0; n < QUESTIONS; n++)
      questions.push(
        await makeQuestion(db, challenge, author, `Pregunta ${n}`, new Date(start + n * 60_000)),
      );
  });
  after(() => test.close());

  const ids = (from: number, to?: number) => questions.slice(from, to).map((q) => q.id);
  const page = (query = '') =>
    visitor(test.app).get(`/retos/${challenge.slug}${query}`).expect(200);

  it('shows the oldest page of questions, with a link to the next', async () => {
    const first = await page();
    assert.deepEqual(anchorsIn(first.text), ids(0, QUESTIONS_PAGE_SIZE));
    assert.match(first.text, /Página 1 de 3/);
    assert.ok(
      unescaped(first.text).includes(`href="/retos/${challenge.slug}?preguntas=2#preguntas"`),
    );
  });

  it('walks to the last page, and back', async () => {
    const last = await page('?preguntas=3');
    assert.deepEqual(anchorsIn(last.text), ids(QUESTIONS_PAGE_SIZE * 2));
    assert.ok(
      unescaped(last.text).includes(`href="/retos/${challenge.slug}?preguntas=2#preguntas"`),
    );
    assert.doesNotMatch(last.text, /rel="next"/);
  });

  it('redirects the lasting link of a question to the page that holds it', async () => {
    const link = (question: ChallengeQuestion) =>
      visitor(test.app).get(`/retos/${challenge.slug}/preguntas/${question.id}`).expect(303);
    const target = questions[QUESTIONS_PAGE_SIZE + 3]!;
    assert.equal(
      (await link(target)).headers.location,
      `/retos/${challenge.slug}?preguntas=2#pregunta-${target.id}`,
    );
    const first = questions[QUESTIONS_PAGE_SIZE - 1]!;
    assert.equal(
      (await link(first)).headers.location,
      `/retos/${challenge.slug}#pregunta-${first.id}`,
    );
    const shown = await page('?preguntas=2');
    assert.ok(anchorsIn(shown.text).includes(target.id));
    await visitor(test.app).get(`/retos/${challenge.slug}/preguntas/nada`).expect(404);
    await visitor(test.app).get(`/retos/${other.slug}/preguntas/${target.id}`).expect(404);
  });

  it('falls back to the first page for tampered parameters', async () => {
    for (const query of [
      '?preguntas=0',
      '?preguntas=-3',
      '?preguntas=x',
      '?preguntas=4',
      '?preguntas=1e9',
      '?preguntas=2&preguntas=3',
    ]) {
      const shown = await page(query);
      assert.deepEqual(anchorsIn(shown.text), ids(0, QUESTIONS_PAGE_SIZE), query);
    }
  });

  it('sends the asker to the page with their new question', async () => {
    const ana = await signedInPerson(test, 'ana@example.org', { name: 'Ana' });
    const asked = await postFrom(ana.person, challenge, `/retos/${challenge.slug}/preguntas`, {
      body: '¿Y la última?',
    });
    assert.equal(asked.status, 303);
    const location = String(asked.headers.location);
    const id = /#pregunta-([0-9a-f-]{36})$/.exec(location)?.[1];
    assert.ok(id, location);
    assert.ok(location.startsWith(`/retos/${challenge.slug}?preguntas=3#`), location);
    const shown = await ana.person.get(location.split('#')[0]!).expect(200);
    assert.ok(anchorsIn(shown.text).includes(id), 'the new question is on the page it opens');
  });
});

// A question's own page of answers: the whole thread, a page at a time, for the link under a
// question whose answers the challenge page cuts short.
import type { Challenge, ChallengeQuestion } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { personView } from '../people/index.ts';
import { ANSWERS_PAGE_SIZE, answerCounts, answersOfQuestion, answersPath } from './answers.ts';
import { questionAsker } from './service.ts';

/** What the answers page of one question shows on the page the query string asks for. */
export async function answersPage(
  db: Db,
  challenge: Challenge,
  question: ChallengeQuestion,
  query: Record<string, unknown>,
) {
  const [counts, asker] = await Promise.all([
    answerCounts(db, [question.id]),
    questionAsker(db, question),
  ]);
  const total = counts.get(question.id) ?? 0;
  const window = pageWindow(total, requestedPage(query.pagina), ANSWERS_PAGE_SIZE);
  const rows = await answersOfQuestion(db, challenge, question.id, window);
  return {
    question: { ...question, author: personView(asker) },
    total,
    start: window.offset + 1,
    answers: rows.map(({ answer, author, byOrganization }) => ({
      id: answer.id,
      body: answer.body,
      createdAt: answer.createdAt,
      byOrganization,
      author: personView(author),
    })),
    pager: pagerLinks(answersPath(challenge.slug, question.id), query, 'pagina', window),
  };
}

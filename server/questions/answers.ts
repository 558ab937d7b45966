// The answers under a question: the challenge page shows the first few of each, and a question's
// own answers page lists them all, a page at a time, so neither grows with the answers.
import { and, asc, count, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { memberships, questionAnswers, users, type Challenge } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { publicPersonColumns } from '../people/index.ts';

/** Answers the challenge page shows under each question before linking to the rest. */
export const ANSWERS_SHOWN = 5;
/** Answers a page of a question's answers page shows. */
export const ANSWERS_PAGE_SIZE = 50;

/** Where all the answers of a question are listed. */
export const answersPath = (slug: string, questionId: string) =>
  `/retos/${slug}/preguntas/${questionId}/respuestas`;

type Window = { limit: number; offset: number };
type Organized = Pick<Challenge, 'organizationId'>;

/** The answers of some questions with who wrote them, oldest first, `where` picking the rows. */
async function answerRows(db: Db, challenge: Organized, where: SQL) {
  const rows = await db
    .select({ answer: questionAnswers, author: publicPersonColumns, memberId: memberships.userId })
    .from(questionAnswers)
    .leftJoin(users, eq(users.id, questionAnswers.authorId))
    // Membership now, not when written: the table keeps no snapshot of it.
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, questionAnswers.authorId),
        eq(memberships.organizationId, challenge.organizationId),
      ),
    )
    .where(where)
    .orderBy(asc(questionAnswers.createdAt), asc(questionAnswers.id));
  return rows.map((row) => ({
    answer: row.answer,
    author: row.author,
    byOrganization: !!row.memberId,
  }));
}

/** The first ANSWERS_SHOWN answers of each question, oldest first. */
export async function firstAnswersOf(db: Db, challenge: Organized, questionIds: string[]) {
  const ranked = db
    .select({
      id: questionAnswers.id,
      rank: sql<number>`row_number() over (partition by ${questionAnswers.questionId} order by ${questionAnswers.createdAt}, ${questionAnswers.id})`.as(
        'answer_rank',
      ),
    })
    .from(questionAnswers)
    .where(inArray(questionAnswers.questionId, questionIds))
    .as('ranked_answers');
  const first = db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, ANSWERS_SHOWN));
  return answerRows(db, challenge, inArray(questionAnswers.id, first));
}

/** How many answers each of some questions has. */
export async function answerCounts(db: Db, questionIds: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ questionId: questionAnswers.questionId, n: count() })
    .from(questionAnswers)
    .where(inArray(questionAnswers.questionId, questionIds))
    .groupBy(questionAnswers.questionId);
  return new Map(rows.map((row) => [row.questionId, Number(row.n)]));
}

/** One page of the answers of one question, oldest first. */
export async function answersOfQuestion(
  db: Db,
  challenge: Organized,
  questionId: string,
  window: Window,
) {
  const page = db
    .select({ id: questionAnswers.id })
    .from(questionAnswers)
    .where(eq(questionAnswers.questionId, questionId))
    .orderBy(asc(questionAnswers.createdAt), asc(questionAnswers.id))
    .limit(window.limit)
    .offset(window.offset);
  return answerRows(db, challenge, inArray(questionAnswers.id, page));
}

import { and, asc, count, eq, lt, ne, or } from 'drizzle-orm';
import {
  challengeQuestions,
  questionAnswers,
  users,
  type Challenge,
  type ChallengeQuestion,
  type QuestionAnswer,
  type User,
} from '../../models/schema/index.ts';
import { publicName, publicPersonColumns } from '../people/index.ts';
import { recordAudit } from '../audit/index.ts';
import { holdChallenge } from '../challenges/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { isUuid } from '../lib/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { notifyUsers, organizationMemberIds } from '../notifications/index.ts';
import { answerCounts, firstAnswersOf } from './answers.ts';
import { plainExcerpt } from './excerpt.ts';
import { canAnswerQuestion, canAskQuestion } from './permissions.ts';

const QUESTION_EXCERPT_IN_ANSWER = 140;

/** Where a question lives on the challenge page; emails link to it. */
export const questionAnchor = (questionId: string) => `pregunta-${questionId}`;
/** A lasting link to one question: it redirects to the page of the list that holds it. */
export const questionPath = (slug: string, questionId: string) =>
  `/retos/${slug}/preguntas/${questionId}`;

/** Questions a page of the challenge page's list shows; the rest are a link away. */
export const QUESTIONS_PAGE_SIZE = 20;

/** One question of a challenge, by id; undefined for an unknown, malformed or foreign id. */
export async function findQuestion(
  db: Pick<Db, 'select'>,
  challengeId: string,
  questionId: string,
): Promise<ChallengeQuestion | undefined> {
  if (!isUuid(questionId)) return undefined;
  const [row] = await db
    .select()
    .from(challengeQuestions)
    .where(
      and(eq(challengeQuestions.id, questionId), eq(challengeQuestions.challengeId, challengeId)),
    );
  return row;
}

/** Who asked a question, for showing it again above a refused answer; gone accounts are null. */
export async function questionAsker(db: Db, question: Pick<ChallengeQuestion, 'authorId'>) {
  if (!question.authorId) return null;
  const [row] = await db.select().from(users).where(eq(users.id, question.authorId));
  return row ?? null;
}

/** How many questions a challenge has. */
export async function questionCount(db: Db, challengeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(challengeQuestions)
    .where(eq(challengeQuestions.challengeId, challengeId));
  return row?.n ?? 0;
}

/** Where a question shows on the challenge page: its page of the list, at its anchor. */
export async function questionPagePath(
  db: Pick<Db, 'select'>,
  slug: string,
  question: Pick<ChallengeQuestion, 'id' | 'challengeId' | 'createdAt'>,
): Promise<string> {
  const [row] = await db
    .select({ n: count() })
    .from(challengeQuestions)
    .where(
      and(
        eq(challengeQuestions.challengeId, question.challengeId),
        or(
          lt(challengeQuestions.createdAt, question.createdAt),
          and(
            eq(challengeQuestions.createdAt, question.createdAt),
            lt(challengeQuestions.id, question.id),
          ),
        ),
      ),
    );
  const page = Math.floor((row?.n ?? 0) / QUESTIONS_PAGE_SIZE) + 1;
  return `/retos/${slug}${page > 1 ? `?preguntas=${page}` : ''}#${questionAnchor(question.id)}`;
}

/** One page of a challenge's questions, oldest first, each with its first answers and their count. */
export async function questionsOfChallenge(
  db: Db,
  challenge: Pick<Challenge, 'id' | 'organizationId'>,
  window: { limit: number; offset: number },
) {
  const questions = await db
    .select({ question: challengeQuestions, author: publicPersonColumns })
    .from(challengeQuestions)
    .leftJoin(users, eq(users.id, challengeQuestions.authorId))
    .where(eq(challengeQuestions.challengeId, challenge.id))
    .orderBy(asc(challengeQuestions.createdAt), asc(challengeQuestions.id))
    .limit(window.limit)
    .offset(window.offset);
  if (questions.length === 0) return [];
  const ids = questions.map((row) => row.question.id);
  const [answers, counts] = await Promise.all([
    firstAnswersOf(db, challenge, ids),
    answerCounts(db, ids),
  ]);
  return questions.map(({ question, author }) => ({
    question,
    author,
    answers: answers.filter((row) => row.answer.questionId === question.id),
    answerCount: counts.get(question.id) ?? 0,
  }));
}

/**
 * Asks the challenge's organization in public, while the challenge takes questions (read inside
 * the transaction); its members are told in the same transaction.
 */
export async function askQuestion(
  db: Db,
  baseUrl: string,
  author: User,
  challengeId: string,
  body: string,
): Promise<ChallengeQuestion> {
  return db.transaction(async (tx) => {
    const challenge = await holdChallenge(tx, challengeId);
    if (!canAskQuestion(author, challenge)) throw new ForbiddenError('questions.errors.closed');
    const [question] = await tx
      .insert(challengeQuestions)
      .values({ challengeId, authorId: author.id, body })
      .returning();
    await recordAudit(tx, {
      actorId: author.id,
      action: 'question.ask',
      subjectType: 'challenge',
      subjectId: challengeId,
      organizationId: challenge.organizationId,
      after: { questionId: question!.id },
    });
    const members = await organizationMemberIds(tx, challenge.organizationId);
    await tell(tx, members, author.id, 'challenge-question', {
      challenge: challenge.title,
      author: publicName(author) ?? '',
      excerpt: plainExcerpt(body),
      link: `${baseUrl}${questionPath(challenge.slug, question!.id)}`,
    });
    return question!;
  });
}

/**
 * Answers a question of the challenge in public; its asker, everyone who answered it before and
 * the organization's members are told in the same transaction, never the one who answers.
 */
export async function answerQuestion(
  db: Db,
  baseUrl: string,
  author: User,
  challengeId: string,
  questionId: string,
  body: string,
): Promise<QuestionAnswer> {
  return db.transaction(async (tx) => {
    const challenge = await holdChallenge(tx, challengeId);
    const question = await findQuestion(tx, challengeId, questionId);
    if (!question) throw new NotFoundError();
    if (!canAnswerQuestion(author, challenge)) throw new ForbiddenError('questions.errors.closed');
    const [answer] = await tx
      .insert(questionAnswers)
      .values({ questionId, authorId: author.id, body })
      .returning();
    await recordAudit(tx, {
      actorId: author.id,
      action: 'question.answer',
      subjectType: 'challenge',
      subjectId: challengeId,
      organizationId: challenge.organizationId,
      after: { questionId, answerId: answer!.id },
    });
    const earlier = await tx
      .selectDistinct({ id: questionAnswers.authorId })
      .from(questionAnswers)
      .where(and(eq(questionAnswers.questionId, questionId), ne(questionAnswers.id, answer!.id)));
    const members = await organizationMemberIds(tx, challenge.organizationId);
    const people = [question.authorId, ...earlier.map((row) => row.id), ...members];
    await tell(tx, people, author.id, 'question-answer', {
      challenge: challenge.title,
      author: publicName(author) ?? '',
      question: plainExcerpt(question.body, QUESTION_EXCERPT_IN_ANSWER),
      excerpt: plainExcerpt(body),
      link: `${baseUrl}${questionPath(challenge.slug, questionId)}`,
    });
    return answer!;
  });
}

function tell(
  tx: Tx,
  people: (string | null)[],
  authorId: string,
  template: 'challenge-question' | 'question-answer',
  data: Record<string, string>,
) {
  return notifyUsers(tx, people, authorId, { kind: 'discussion', template, data });
}

import { eq } from 'drizzle-orm';
import {
  challengeQuestions,
  outbox,
  questionAnswers,
  type Challenge,
  type ChallengeQuestion,
  type User,
} from '../../../../models/schema/index.ts';
import type { Db } from '../../../../server/db/database.ts';
import { csrfTokenIn, type visitor } from '../../../support/test-app.ts';

export type Person = ReturnType<typeof visitor>;

/** Posts a form with the CSRF token of the challenge page the person is looking at. */
export async function postFrom(
  person: Person,
  challenge: Pick<Challenge, 'slug'>,
  path: string,
  fields: Record<string, string> = {},
) {
  const page = await person.get(`/retos/${challenge.slug}`);
  return person.postForm(path, { _csrf: csrfTokenIn(page.text), ...fields });
}

/** A question written straight to the database, as if asked earlier. */
export async function makeQuestion(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  author: Pick<User, 'id'> | null,
  body = '¿Qué formato tienen los datos de descargas?',
  createdAt = new Date(),
): Promise<ChallengeQuestion> {
  const [row] = await db
    .insert(challengeQuestions)
    .values({ challengeId: challenge.id, authorId: author?.id ?? null, body, createdAt })
    .returning();
  return row!;
}

export const questionsOf = (db: Db, challenge: Pick<Challenge, 'id'>) =>
  db.select().from(challengeQuestions).where(eq(challengeQuestions.challengeId, challenge.id));

export const answersOf = (db: Db, question: Pick<ChallengeQuestion, 'id'>) =>
  db.select().from(questionAnswers).where(eq(questionAnswers.questionId, question.id));

export const countQuestionsAndAnswers = async (db: Db) => ({
  questions: (await db.select().from(challengeQuestions)).length,
  answers: (await db.select().from(questionAnswers)).length,
});

/** The ids of every outbox row now, to tell apart the rows an action writes. */
export async function outboxIds(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ id: outbox.id }).from(outbox)).map((row) => row.id));
}

/** Outbox rows written since `before` was taken, for one template. */
export async function newEmails(db: Db, before: Set<string>, template: string) {
  const rows = await db.select().from(outbox).where(eq(outbox.template, template));
  return rows.filter((row) => !before.has(row.id));
}

/** The question ids in the order the page shows their anchors. */
export const anchorsIn = (html: string) =>
  [...html.matchAll(/id="pregunta-([0-9a-f-]{36})"/g)].map((match) => match[1]!);

/** The HTML of one question's list item on the challenge page. */
export function questionHtml(html: string, questionId: string): string {
  const start = html.indexOf(`id="pregunta-${questionId}"`);
  if (start < 0) throw new Error(`the page has no question ${questionId}`);
  const next = html.indexOf('id="pregunta-', start + 1);
  const end = next < 0 ? html.indexOf('</section>', start) : next;
  return html.slice(start, end);
}

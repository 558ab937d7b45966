import type { Challenge, User } from '../../models/schema/index.ts';
import { displayName } from '../people/index.ts';
import type { Db } from '../db/index.ts';
import type { Translate } from '../i18n/index.ts';
import { BODY_MAX } from './forms.ts';
import { canAnswerQuestion, canAskQuestion, takesQuestions } from './permissions.ts';
import { questionAnchor, questionsOfChallenge } from './service.ts';

type Author = Pick<User, 'name' | 'githubName' | 'githubLogin' | 'deletedAt'> | null;

const person = (author: Author, t: Translate) => ({
  authorName: displayName(author, t),
  authorLogin: author && !author.deletedAt ? author.githubLogin : null,
});

/** What the challenge page shows of its public questions and answers, and the forms to add them. */
export async function challengeQuestionsSection(
  db: Db,
  challenge: Challenge,
  viewer: User | undefined,
  t: Translate,
) {
  const rows = await questionsOfChallenge(db, challenge);
  const open = takesQuestions(challenge);
  return {
    slug: challenge.slug,
    questions: rows.map(({ question, author, answers }) => ({
      id: question.id,
      anchor: questionAnchor(question.id),
      body: question.body,
      createdAt: question.createdAt,
      ...person(author, t),
      answers: answers.map(({ answer, author: writer, byOrganization }) => ({
        id: answer.id,
        body: answer.body,
        createdAt: answer.createdAt,
        byOrganization,
        ...person(writer, t),
      })),
    })),
    canAsk: canAskQuestion(viewer, challenge),
    canAnswer: canAnswerQuestion(viewer, challenge),
    // Back to the section, not the top of the page, once signed in.
    signInUrl:
      open && !viewer
        ? `/entrar?volver=${encodeURIComponent(`/retos/${challenge.slug}#preguntas`)}`
        : undefined,
    bodyMax: BODY_MAX,
    draft: challenge.status === 'draft',
    closed: !open && challenge.status !== 'draft',
  };
}

export type ChallengeQuestionsSection = Awaited<ReturnType<typeof challengeQuestionsSection>>;

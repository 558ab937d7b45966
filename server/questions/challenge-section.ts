import type { Challenge, User } from '../../models/schema/index.ts';
import type { ChallengePageSection } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { personView } from '../people/index.ts';
import { BODY_MAX } from './forms.ts';
import { canAnswerQuestion, canAskQuestion, takesQuestions } from './permissions.ts';
import { questionAnchor, questionsOfChallenge } from './service.ts';

/** The challenge page's public questions and answers, and the forms to add them. */
export function questionsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'questions',
    load: (challenge, viewer) => questionsSection(db, challenge, viewer.user),
  };
}

async function questionsSection(db: Db, challenge: Challenge, viewer: User | undefined) {
  const rows = await questionsOfChallenge(db, challenge);
  const open = takesQuestions(challenge);
  return {
    slug: challenge.slug,
    questions: rows.map(({ question, author, answers }) => ({
      id: question.id,
      anchor: questionAnchor(question.id),
      body: question.body,
      createdAt: question.createdAt,
      author: personView(author),
      answers: answers.map(({ answer, author: writer, byOrganization }) => ({
        id: answer.id,
        body: answer.body,
        createdAt: answer.createdAt,
        byOrganization,
        author: personView(writer),
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

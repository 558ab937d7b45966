import type { Challenge, User } from '../../models/schema/index.ts';
import type { ChallengePageSection, ChallengePageViewer } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { personView } from '../people/index.ts';
import { answersPath } from './answers.ts';
import { BODY_MAX } from './forms.ts';
import { canAnswerQuestion, canAskQuestion, takesQuestions } from './permissions.ts';
import {
  questionAnchor,
  questionCount,
  questionsOfChallenge,
  QUESTIONS_PAGE_SIZE,
} from './service.ts';

/** The challenge page's public questions and answers, and the forms to add them. */
export function questionsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'questions',
    load: (challenge, viewer) => questionsSection(db, challenge, viewer),
  };
}

async function questionsSection(db: Db, challenge: Challenge, pageViewer: ChallengePageViewer) {
  const viewer: User | undefined = pageViewer.user;
  const total = await questionCount(db, challenge.id);
  const window = pageWindow(total, requestedPage(pageViewer.query.preguntas), QUESTIONS_PAGE_SIZE);
  const rows = await questionsOfChallenge(db, challenge, window);
  const open = takesQuestions(challenge);
  return {
    slug: challenge.slug,
    pager: pagerLinks(
      `/retos/${challenge.slug}`,
      pageViewer.query,
      'preguntas',
      window,
      'preguntas',
    ),
    questions: rows.map(({ question, author, answers, answerCount }) => ({
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
      answerCount,
      // The rest of a long thread is on the question's own answers page.
      allAnswersUrl:
        answerCount > answers.length ? answersPath(challenge.slug, question.id) : undefined,
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

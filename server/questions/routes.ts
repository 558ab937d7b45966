import { Router, type Request } from 'express';
import { displayName } from '../people/index.ts';
import { requireUser } from '../auth/index.ts';
import { challengeInPath } from '../challenges/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import { answersPage } from './answers-page.ts';
import { answerForm, bodyValue, questionForm, BODY_MAX } from './forms.ts';
import { canAnswerQuestion, canAskQuestion } from './permissions.ts';
import {
  answerQuestion,
  askQuestion,
  findQuestion,
  questionAsker,
  questionPagePath,
} from './service.ts';

export function questionRoutes({ db, config }: FeatureDeps): Router {
  const router = Router();

  const found = (req: Request) => challengeInPath(db, req);

  /** The challenge and one of its own questions; a question of another challenge is not found. */
  async function foundQuestion(req: Request) {
    const view = await found(req);
    const question = await findQuestion(db, view.challenge.id, String(req.params.questionId));
    if (!question) throw new NotFoundError();
    return { ...view, question };
  }

  router.post('/retos/:slug/preguntas', requireUser, async (req, res) => {
    const { challenge } = await found(req);
    if (!canAskQuestion(req.user, challenge)) throw new ForbiddenError('questions.errors.closed');
    const values = bodyValue(req.body);
    const parsed = questionForm.safeParse(values);
    if (!parsed.success) {
      return res.status(422).render('questions/ask', {
        pageTitle: req.t('questions.ask.title', { challenge: challenge.title }),
        challenge,
        values,
        errors: formErrors(parsed.error, req.t),
        bodyMax: BODY_MAX,
      });
    }
    const question = await askQuestion(
      db,
      config.baseUrl,
      req.user!,
      challenge.id,
      parsed.data.body,
    );
    res.redirect(303, await questionPagePath(db, challenge.slug, question));
  });

  // The lasting link in emails: the question's page of the list moves on as more are asked.
  router.get('/retos/:slug/preguntas/:questionId', async (req, res) => {
    const { challenge, question } = await foundQuestion(req);
    res.redirect(303, await questionPagePath(db, challenge.slug, question));
  });

  // Every answer of one question, a page at a time; the challenge page shows the first few.
  router.get('/retos/:slug/preguntas/:questionId/respuestas', async (req, res) => {
    const { challenge, question } = await foundQuestion(req);
    res.render('questions/answers', {
      pageTitle: req.t('questions.answers.title', { challenge: challenge.title }),
      challenge,
      questionUrl: await questionPagePath(db, challenge.slug, question),
      ...(await answersPage(db, challenge, question, req.query)),
    });
  });

  router.post('/retos/:slug/preguntas/:questionId/respuestas', requireUser, async (req, res) => {
    const { challenge, question } = await foundQuestion(req);
    if (!canAnswerQuestion(req.user, challenge)) {
      throw new ForbiddenError('questions.errors.closed');
    }
    const values = bodyValue(req.body);
    const parsed = answerForm.safeParse(values);
    if (!parsed.success) {
      const asker = await questionAsker(db, question);
      return res.status(422).render('questions/answer', {
        pageTitle: req.t('questions.answer.title', { challenge: challenge.title }),
        challenge,
        question: { ...question, authorName: displayName(asker, req.t) },
        values,
        errors: formErrors(parsed.error, req.t),
        bodyMax: BODY_MAX,
      });
    }
    await answerQuestion(
      db,
      config.baseUrl,
      req.user!,
      challenge.id,
      question.id,
      parsed.data.body,
    );
    res.redirect(303, await questionPagePath(db, challenge.slug, question));
  });

  return router;
}

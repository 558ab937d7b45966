import { Router, type Request, type Response } from 'express';
import type { Db } from '../db/index.ts';
import { formErrors } from '../http/index.ts';
import { askedNameForm } from './forms.ts';
import { answerNamePrompt, NAME_MAX, needsNamePrompt } from './name-prompt.ts';
import { requireUser } from './require-user.ts';
import { safeReturnTo } from './return-to.ts';

export const NAME_PROMPT_PATH = '/entrar/nombre';

/** Where sign-in goes next: the name question first when it is due, then the page asked for. */
export function afterEmailSignIn(user: Parameters<typeof needsNamePrompt>[0], returnTo: string) {
  if (!needsNamePrompt(user)) return returnTo;
  return `${NAME_PROMPT_PATH}?volver=${encodeURIComponent(returnTo)}`;
}

function renderPrompt(req: Request, res: Response, extra: Record<string, unknown> = {}) {
  res.render('auth/name-prompt', {
    pageTitle: req.t('auth.namePrompt.title'),
    returnTo: safeReturnTo(req.query.volver ?? req.body?.volver),
    max: NAME_MAX,
    ...extra,
  });
}

/** The one-time "what is your name?" page after a first email sign-in; skippable. */
export function namePromptRoutes(db: Db): Router {
  const router = Router();
  router.use(NAME_PROMPT_PATH, requireUser);

  router.get(NAME_PROMPT_PATH, (req, res) => {
    if (!needsNamePrompt(req.user!)) {
      return res.redirect(303, safeReturnTo(req.query.volver));
    }
    renderPrompt(req, res);
  });

  router.post(NAME_PROMPT_PATH, async (req, res) => {
    const returnTo = safeReturnTo(req.body?.volver);
    if (!needsNamePrompt(req.user!)) return res.redirect(303, returnTo);
    if (req.body?.omitir !== undefined) {
      await answerNamePrompt(db, req.user!, null);
      return res.redirect(303, returnTo);
    }
    const parsed = askedNameForm.safeParse(req.body);
    if (!parsed.success) {
      res.status(422);
      return renderPrompt(req, res, {
        values: { name: typeof req.body?.name === 'string' ? req.body.name : '' },
        errors: formErrors(parsed.error, req.t),
      });
    }
    await answerNamePrompt(db, req.user!, parsed.data.name);
    res.redirect(303, returnTo);
  });

  return router;
}

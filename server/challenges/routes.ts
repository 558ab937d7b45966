import { Router, type Request } from 'express';
import type { Challenge } from '../../models/schema/index.ts';
import { requireUser } from '../auth/index.ts';
import { NotFoundError } from '../errors.ts';
import { loadSections, type FeatureDeps } from '../http/index.ts';
import type { Translate } from '../i18n/index.ts';
import { displayName, isModerator } from '../people/index.ts';
import { availableTransitions, type ChallengeActor } from './lifecycle.ts';
import type { ChallengePageSection } from './page-sections.ts';
import { canEditChallenge, canWatchChallenge } from './permissions.ts';
import { activeCriteria } from './criteria.ts';
import { publishedReplicas } from './replicas.ts';
import { challengeForViewer, originalOf, statusHistory } from './service.ts';
import { unwatchChallenge, watchChallenge, watchState } from './watches.ts';

/** The status buttons a person may press now, labelled; publishing stands out for the members. */
function statusButtons(status: Challenge['status'], actor: ChallengeActor, t: Translate) {
  return availableTransitions(status, actor).map((name) => ({
    name,
    label: t(`challenge.transition.${name}`),
    primary: actor.isMember && name === 'publish',
  }));
}

/** The challenge in the path as the viewer may see it: a draft is a 404 to outsiders. */
export async function challengeInPath(db: FeatureDeps['db'], req: Request) {
  const result = await challengeForViewer(db, String(req.params.slug), req.user?.id);
  if (!result) throw new NotFoundError();
  return result;
}

// /retos/:slug: the challenge page, with the sections other features add, and following it.
export function challengePageRoutes(
  { db, config }: FeatureDeps,
  sections: readonly ChallengePageSection[] = [],
): Router {
  const router = Router();

  router.get('/retos/:slug', async (req, res) => {
    const view = await challengeInPath(db, req);
    const { challenge } = view;
    const actor = { isMember: view.viewerIsMember, isModerator: isModerator(req.user, config) };
    const [criteria, replicas, original, history, watch, loaded] = await Promise.all([
      activeCriteria(db, challenge.id),
      publishedReplicas(db, challenge.id),
      originalOf(db, challenge.forkedFromId),
      statusHistory(db, challenge.id),
      watchState(db, challenge.id, req.user?.id),
      loadSections(sections, challenge, {
        user: req.user,
        isMember: actor.isMember,
        t: req.t,
        query: req.query,
      }),
    ]);
    res.render('challenges/show', {
      pageTitle: challenge.title,
      metaDescription: challenge.pitch,
      ...view,
      authorName: view.author ? displayName(view.author, req.t) : null,
      canEdit: canEditChallenge(view.viewerIsMember),
      isDraft: challenge.status === 'draft',
      openDeadline: challenge.status === 'open' ? challenge.deadline : null,
      statusButtons: statusButtons(challenge.status, actor, req.t),
      canReplicate: Boolean(req.user) && challenge.status !== 'draft',
      canWatch: canWatchChallenge(challenge, Boolean(req.user)),
      criteria,
      replicas,
      sections: loaded,
      original,
      history,
      ...watch,
      sdgs: challenge.sdgs.map((goal) => ({ number: goal, name: req.t(`sdg.${goal}`) })),
    });
  });

  router.post('/retos/:slug/seguir', requireUser, async (req, res) => {
    const { challenge } = await challengeInPath(db, req);
    await watchChallenge(db, req.user!, challenge.id);
    res.redirect(303, `/retos/${challenge.slug}`);
  });

  router.post('/retos/:slug/dejar-de-seguir', requireUser, async (req, res) => {
    const { challenge } = await challengeInPath(db, req);
    await unwatchChallenge(db, req.user!, challenge.id);
    res.redirect(303, `/retos/${challenge.slug}`);
  });

  return router;
}

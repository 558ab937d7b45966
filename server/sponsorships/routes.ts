import { Router, type Request, type Response } from 'express';
import { sponsorshipKinds } from '../../models/schema/index.ts';
import { requireUser } from '../auth/index.ts';
import { challengeForViewer } from '../challenges/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { type FeatureDeps, formErrors, translatedErrors } from '../http/index.ts';
import { sponsorshipChangeRoutes } from './change-routes.ts';
import { pledgeForm, withdrawForm } from './forms.ts';
import { ledgerPage, ledgerCsv, ledgerJson } from './ledger-routes.ts';
import { canBeSponsored } from './permissions.ts';
import { findSponsorship, governmentOfficesOf } from './queries.ts';
import { pledgeSponsorship, withdrawSponsorship } from './service.ts';
import { pledgePageView } from './show-view.ts';

export function sponsorshipRoutes(deps: FeatureDeps): Router {
  const { db } = deps;
  const router = Router();

  async function sponsorableChallenge(req: Request) {
    const found = await challengeForViewer(db, String(req.params.slug), req.user?.id);
    if (!found || !canBeSponsored(found.challenge)) throw new NotFoundError();
    return found;
  }

  async function renderPledge(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const { challenge, organization } = await sponsorableChallenge(req);
    const choices = await governmentOfficesOf(db, req.user!.id);
    res.render('sponsorships/pledge', {
      pageTitle: req.t('sponsorships.pledge.title', { title: challenge.title }),
      challenge,
      organization,
      offices: choices.map((office) => ({ ...office, verified: Boolean(office.verifiedAt) })),
      anyVerified: choices.some((office) => office.verifiedAt),
      kinds: sponsorshipKinds,
      values: { kind: 'prize' },
      ...extra,
    });
  }

  router.get('/retos/:slug/patrocinar', requireUser, (req, res) => renderPledge(req, res));

  router.post('/retos/:slug/patrocinar', requireUser, async (req, res) => {
    const { challenge } = await sponsorableChallenge(req);
    const raw = {
      organizationId: '',
      kind: '',
      amount: '',
      description: '',
      terms: '',
      dueOn: '',
      ...req.body,
    };
    const parsed = pledgeForm.safeParse(raw);
    if (!parsed.success) {
      res.status(422);
      return renderPledge(req, res, { values: raw, errors: formErrors(parsed.error, req.t) });
    }
    try {
      const created = await pledgeSponsorship(db, req.user!, challenge.id, parsed.data);
      return res.redirect(303, `/patrocinios/${created.id}`);
    } catch (error) {
      if (error instanceof ValidationError) {
        res.status(422);
        return renderPledge(req, res, { values: raw, errors: translatedErrors(error, req.t) });
      }
      // The service decides; its refusal is shown on the form, naming the office when it is theirs.
      if (!(error instanceof ForbiddenError)) throw error;
      const office = (await governmentOfficesOf(db, req.user!.id)).find(
        (org) => org.id === parsed.data.organizationId,
      );
      res.status(403);
      return renderPledge(req, res, {
        values: raw,
        errors: { organizationId: req.t(error.messageKey, { office: office?.name ?? '' }) },
      });
    }
  });

  router.get('/patrocinios', ledgerPage(db));
  router.get('/patrocinios.csv', ledgerCsv(db));
  router.get('/patrocinios.json', ledgerJson(db));

  async function renderSponsorship(
    req: Request,
    res: Response,
    extra: Record<string, unknown> = {},
  ) {
    res.render('sponsorships/show', { ...(await pledgePageView(db, req)), ...extra });
  }

  router.get('/patrocinios/:id', (req, res) => renderSponsorship(req, res));

  // Withdrawing asks only for a public reason; the other changes have pages of their own.
  router.post('/patrocinios/:id/estado', requireUser, async (req, res) => {
    const found = await findSponsorship(db, String(req.params.id));
    if (!found) throw new NotFoundError();
    if (req.body?.transicion !== 'withdraw') {
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    }
    const parsed = withdrawForm.safeParse({ reason: req.body?.reason ?? '' });
    if (!parsed.success) {
      res.status(422);
      return renderSponsorship(req, res, {
        values: { reason: String(req.body?.reason ?? '') },
        errors: formErrors(parsed.error, req.t),
      });
    }
    await withdrawSponsorship(db, req.user!, found.sponsorship.id, parsed.data.reason);
    res.redirect(303, `/patrocinios/${found.sponsorship.id}`);
  });

  router.use(sponsorshipChangeRoutes(deps));

  return router;
}

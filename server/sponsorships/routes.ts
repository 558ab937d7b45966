import { Router, type Request, type Response } from 'express';
import { sponsorshipKinds, type SponsorshipStatus } from '../../models/schema/index.ts';
import { requireUser } from '../auth/index.ts';
import { challengeForViewer } from '../challenges/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import type { Translate } from '../i18n/index.ts';
import { isOrganizationMember } from '../organizations/index.ts';
import { pledgeForm, withdrawForm } from './forms.ts';
import { ledgerPage, ledgerCsv, ledgerJson } from './ledger-routes.ts';
import { canChangeSponsorship, isSponsorshipTransition } from './lifecycle.ts';
import { canBeSponsored } from './permissions.ts';
import { findSponsorship, governmentOfficesOf, sponsorshipHistory } from './queries.ts';
import { changeSponsorship, pledgeSponsorship } from './service.ts';

/** The one-press status buttons; withdrawing asks for a public reason, so it has its own form. */
function statusButtons(status: SponsorshipStatus, isOfficeMember: boolean, t: Translate) {
  return (['fulfill'] as const)
    .filter((name) => canChangeSponsorship(name, status, isOfficeMember))
    .map((name) => ({ name, label: t(`sponsorships.transition.${name}`), primary: true }));
}

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
    const found = await findSponsorship(db, String(req.params.id));
    if (!found) throw new NotFoundError();
    const { sponsorship, office } = found;
    const officeMember = await isOrganizationMember(db, req.user?.id, office.id);
    const buttons = statusButtons(sponsorship.status, officeMember, req.t);
    const canWithdraw = canChangeSponsorship('withdraw', sponsorship.status, officeMember);
    res.render('sponsorships/show', {
      pageTitle: req.t('sponsorships.show.title', { office: office.name }),
      ...found,
      history: await sponsorshipHistory(db, sponsorship.id),
      statusButtons: buttons,
      canWithdraw,
      canManage: buttons.length > 0 || canWithdraw,
      ...extra,
    });
  }

  router.get('/patrocinios/:id', (req, res) => renderSponsorship(req, res));

  router.post('/patrocinios/:id/estado', requireUser, async (req, res) => {
    const found = await findSponsorship(db, String(req.params.id));
    if (!found) throw new NotFoundError();
    const transition = req.body?.transicion;
    if (!isSponsorshipTransition(transition))
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    let reason: string | undefined;
    if (transition === 'withdraw') {
      const parsed = withdrawForm.safeParse({ reason: req.body?.reason ?? '' });
      if (!parsed.success) {
        res.status(422);
        return renderSponsorship(req, res, { errors: formErrors(parsed.error, req.t) });
      }
      reason = parsed.data.reason;
    }
    await changeSponsorship(db, req.user!, found.sponsorship.id, transition, reason);
    res.redirect(303, `/patrocinios/${found.sponsorship.id}`);
  });

  return router;
}

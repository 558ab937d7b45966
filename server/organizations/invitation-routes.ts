import { Router, type Request, type Response } from 'express';
import type { Organization, OrganizationInvitation } from '../../models/schema/index.ts';
import { requireUser } from '../auth/index.ts';
import type { FeatureDeps } from '../http/index.ts';
import { acceptInvitation, invitationForViewer } from './invitations.ts';

function renderUnusable(req: Request, res: Response) {
  res.status(410);
  res.render('organizations/invitation-invalid', {
    pageTitle: req.t('organizations.invitation.invalidTitle'),
  });
}

/** Whom the link was sent to, and how to sign in as them: the viewer's account cannot accept. */
function renderOtherAddress(
  req: Request,
  res: Response,
  token: string,
  organization: Organization,
  invitation: OrganizationInvitation,
) {
  res.render('organizations/invitation-other-address', {
    pageTitle: req.t('organizations.invitation.title', { name: organization.name }),
    organization,
    invitedEmail: invitation.email,
    returnTo: `/invitaciones/${token}`,
  });
}

const tokenInPath = (req: Request) =>
  typeof req.params.token === 'string' ? req.params.token : '';

// The link in an invitation email: opening it shows a button (mail scanners follow links).
export function invitationRoutes({ db }: FeatureDeps): Router {
  const router = Router();

  router.get('/invitaciones/:token', async (req, res) => {
    const token = tokenInPath(req);
    const found = await invitationForViewer(db, req.user, token);
    if (!found) return renderUnusable(req, res);
    const { invitation, organization, alreadyMember } = found;
    res.setHeader('Cache-Control', 'no-store');
    if (!req.user) {
      // A sign-in page about this invitation, for its address, that comes back here.
      const returnTo = `/invitaciones/${token}`;
      return res.render('organizations/invitation-sign-in', {
        pageTitle: req.t('organizations.invitation.title', { name: organization.name }),
        organization,
        inviterName: found.inviterName,
        invitedEmail: invitation.email,
        returnTo,
        githubUrl: `/auth/github?volver=${encodeURIComponent(returnTo)}`,
      });
    }
    if (!alreadyMember && !found.forViewer) {
      return renderOtherAddress(req, res, token, organization, invitation);
    }
    res.render('organizations/invitation', {
      pageTitle: req.t('organizations.invitation.title', { name: organization.name }),
      organization,
      token,
      alreadyMember,
      expiresAt: invitation.expiresAt,
    });
  });

  router.post('/invitaciones/:token', requireUser, async (req, res) => {
    const token = tokenInPath(req);
    const result = await acceptInvitation(db, req.user!, token);
    if (result.outcome === 'unusable') return renderUnusable(req, res);
    if (result.outcome === 'other-address') {
      res.status(403);
      return renderOtherAddress(req, res, token, result.organization, result.invitation);
    }
    const { organization } = result;
    if (result.outcome === 'already-member') {
      return res.render('organizations/invitation', {
        pageTitle: req.t('organizations.invitation.title', { name: organization.name }),
        organization,
        alreadyMember: true,
      });
    }
    res.redirect(303, `/organizaciones/${organization.slug}?aviso=bienvenida`);
  });

  return router;
}

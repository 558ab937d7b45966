import { Router, type Request, type Response } from 'express';
import { requireUser } from '../auth/index.ts';
import type { FeatureDeps } from '../http/index.ts';
import { acceptInvitation, invitationForViewer } from './invitations.ts';

function renderUnusable(req: Request, res: Response) {
  res.status(410);
  res.render('organizations/invitation-invalid', {
    pageTitle: req.t('organizations.invitation.invalidTitle'),
  });
}

const tokenInPath = (req: Request) =>
  typeof req.params.token === 'string' ? req.params.token : '';

// The link in an invitation email: opening it shows a button (mail scanners follow links).
export function invitationRoutes({ db }: FeatureDeps): Router {
  const router = Router();
  router.use('/invitaciones/:token', requireUser);

  router.get('/invitaciones/:token', async (req, res) => {
    const token = tokenInPath(req);
    const user = req.user!;
    const found = await invitationForViewer(db, user, token);
    if (!found) return renderUnusable(req, res);
    const { invitation, organization, alreadyMember } = found;
    res.setHeader('Cache-Control', 'no-store');
    res.render('organizations/invitation', {
      pageTitle: req.t('organizations.invitation.title', { name: organization.name }),
      organization,
      token,
      alreadyMember,
      invitedEmail: invitation.email,
      // Anyone signed in may accept, but should know when the link was meant for someone else.
      sentToSomeoneElse: user.email !== invitation.email,
      expiresAt: invitation.expiresAt,
    });
  });

  router.post('/invitaciones/:token', async (req, res) => {
    const result = await acceptInvitation(db, req.user!, tokenInPath(req));
    if (result.outcome === 'unusable') return renderUnusable(req, res);
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

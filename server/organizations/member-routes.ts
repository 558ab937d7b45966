import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Organization } from '../../models/schema/index.ts';
import { displayName } from '../people/index.ts';
import { requireUser } from '../auth/index.ts';
import { ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../errors.ts';
import {
  DatabaseRateLimitStore,
  type FeatureDeps,
  formErrors,
  translatedErrors,
  typedValues,
} from '../http/index.ts';
import { invitationForm, roleForm } from './forms.ts';
import { createInvitation, INVITATION_DAYS, revokeInvitation } from './invitations.ts';
import { membersPageLists } from './members-page.ts';
import { changeMemberRole, endMembership, LastOwnerError } from './members.ts';
import { noticeFor, organizationInPath } from './page-context.ts';
import {
  canChangeMemberRoles,
  canInviteMembers,
  canLeaveOrganization,
  canRemoveMembers,
  canRevokeInvitations,
  canViewMembers,
  type ViewerRole,
} from './permissions.ts';

const HOUR_MS = 60 * 60 * 1000;
const uuid = z.uuid();

/** The id in the path, or 404: a malformed id names nobody. */
function idInPath(req: Request, name: string): string {
  const parsed = uuid.safeParse(req.params[name]);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

// Members and invitations of one organization; every page here is for its members only.
export function memberRoutes(deps: FeatureDeps): Router {
  const { db } = deps;
  const router = Router();
  const base = '/organizaciones/:slug';
  router.use([`${base}/miembros`, `${base}/invitaciones`, `${base}/salir`], requireUser);

  // Each invitation is an email to any address: a generous cap per owner stops a spam cannon.
  const invitationLimit = rateLimit({
    windowMs: HOUR_MS,
    limit: 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(db, 'organization-invitations'),
    keyGenerator: (req) => req.user?.id ?? 'anonymous',
    handler: (_req, _res, next) => next(new TooManyRequestsError()),
  });

  const renderMembers = async (
    req: Request,
    res: Response,
    organization: Organization,
    role: ViewerRole,
    extra: Record<string, unknown> = {},
  ) => {
    const user = req.user!;
    const owner = canInviteMembers(role);
    const lists = await membersPageLists(db, req, organization, owner);
    const { members, owners } = lists;
    res.render('organizations/members', {
      pageTitle: req.t('organizations.members.title', { name: organization.name }),
      current: 'organizations',
      organization,
      members: members.map((member) => ({
        ...member,
        displayName: displayName(member, req.t),
        isSelf: member.userId === user.id,
        isOwner: member.role === 'owner',
        // No button is offered that the last-owner rule would refuse.
        isSoleOwner: member.role === 'owner' && owners === 1,
      })),
      memberTotal: lists.memberTotal,
      memberPager: lists.memberPager,
      invitations: lists.invitations,
      invitationTotal: lists.invitationTotal,
      invitationPager: lists.invitationPager,
      canInvite: owner,
      canRevoke: canRevokeInvitations(role),
      canRemove: canRemoveMembers(role),
      canChangeRoles: canChangeMemberRoles(role),
      canLeave: canLeaveOrganization(role),
      // Owners invited these people by email; others see names only.
      showEmails: owner,
      invitationDays: INVITATION_DAYS,
      values: { email: '' },
      notice: noticeFor(req),
      ...extra,
    });
  };

  /** The last-owner rule, explained on the members page instead of an error page. */
  const refuseLastOwner = async (
    req: Request,
    res: Response,
    organization: Organization,
    role: ViewerRole,
  ) => {
    res.status(409);
    await renderMembers(req, res, organization, role, {
      notice: { text: req.t('organizations.members.lastOwner'), problem: true },
    });
  };

  router.get(`${base}/miembros`, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canViewMembers(role)) throw new ForbiddenError();
    await renderMembers(req, res, organization, role);
  });

  router.post(`${base}/invitaciones`, invitationLimit, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canInviteMembers(role)) throw new ForbiddenError();
    const parsed = invitationForm.safeParse(req.body ?? {});
    const typed = typedValues(req.body, ['email']);
    if (!parsed.success) {
      res.status(422);
      return renderMembers(req, res, organization, role, {
        values: typed,
        errors: formErrors(parsed.error, req.t),
      });
    }
    try {
      await createInvitation(db, req.user!, organization.id, parsed.data.email, req.language);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(422);
      return renderMembers(req, res, organization, role, {
        values: typed,
        errors: translatedErrors(error, req.t),
      });
    }
    res.redirect(303, `/organizaciones/${organization.slug}/miembros?aviso=invitacion-enviada`);
  });

  router.post(`${base}/invitaciones/:invitationId/revocar`, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canRevokeInvitations(role)) throw new ForbiddenError();
    await revokeInvitation(db, req.user!, organization.id, idInPath(req, 'invitationId'));
    res.redirect(303, `/organizaciones/${organization.slug}/miembros?aviso=invitacion-revocada`);
  });

  router.post(`${base}/miembros/:userId/quitar`, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canRemoveMembers(role)) throw new ForbiddenError();
    const memberId = idInPath(req, 'userId');
    try {
      await endMembership(db, req.user!, organization.id, memberId);
    } catch (error) {
      if (error instanceof LastOwnerError) return refuseLastOwner(req, res, organization, role);
      throw error;
    }
    // An owner who removes themself is no longer allowed on the members page.
    if (memberId === req.user!.id) {
      return res.redirect(303, `/organizaciones/${organization.slug}?aviso=saliste`);
    }
    res.redirect(303, `/organizaciones/${organization.slug}/miembros?aviso=miembro-quitado`);
  });

  router.post(`${base}/miembros/:userId/rol`, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canChangeMemberRoles(role)) throw new ForbiddenError();
    const memberId = idInPath(req, 'userId');
    const parsed = roleForm.safeParse(req.body ?? {});
    if (!parsed.success) throw new ValidationError({ role: 'organizations.errors.roleInvalid' });
    try {
      await changeMemberRole(db, req.user!, organization.id, memberId, parsed.data.role);
    } catch (error) {
      if (error instanceof LastOwnerError) return refuseLastOwner(req, res, organization, role);
      throw error;
    }
    res.redirect(303, `/organizaciones/${organization.slug}/miembros?aviso=rol-cambiado`);
  });

  router.post(`${base}/salir`, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canLeaveOrganization(role)) throw new ForbiddenError();
    try {
      await endMembership(db, req.user!, organization.id, req.user!.id);
    } catch (error) {
      if (error instanceof LastOwnerError) return refuseLastOwner(req, res, organization, role);
      throw error;
    }
    res.redirect(303, `/organizaciones/${organization.slug}?aviso=saliste`);
  });

  return router;
}

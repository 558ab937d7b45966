import { Router, type Request, type Response } from 'express';
import type { Organization } from '../../models/schema/index.ts';
import { requireUser } from '../auth/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { type FeatureDeps, formErrors, loadSections, typedValues } from '../http/index.ts';
import { pagerLinks, pageWindow, placeName, requestedPage } from '../lib/index.ts';
import {
  inFieldOrder,
  kindFilter,
  organizationFields,
  organizationForm,
  verificationForm,
} from './forms.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { formChoices, noticeFor, organizationInPath } from './page-context.ts';
import type { OrganizationPageSection } from './page-sections.ts';
import { canEditOrganization, canVerifyOrganizations, canViewMembers } from './permissions.ts';
import {
  countOrganizations,
  createOrganization,
  listOrganizations,
  setVerification,
  updateOrganization,
} from './service.ts';

const profileValues = (organization: Organization) => ({
  name: organization.name,
  kind: organization.kind,
  description: organization.description,
  stateCode: organization.stateCode ?? '',
  municipality: organization.municipality ?? '',
  websiteUrl: organization.websiteUrl ?? '',
});

/** Organizations a page of the list shows. */
export const ORGANIZATIONS_PAGE_SIZE = 24;

// Organizations: list, create, profile, edit and verification; members and invitations beside.
export function organizationRoutes(
  deps: FeatureDeps,
  sections: readonly OrganizationPageSection[] = [],
): Router {
  const { db, config } = deps;
  const router = Router();

  router.get('/organizaciones', async (req, res) => {
    const kind = kindFilter.parse(req.query.tipo);
    const total = await countOrganizations(db, kind);
    const window = pageWindow(total, requestedPage(req.query.pagina), ORGANIZATIONS_PAGE_SIZE);
    const organizations = await listOrganizations(db, kind, window);
    res.render('organizations/list', {
      pageTitle: req.t('organizations.list.title'),
      metaDescription: req.t('organizations.list.intro'),
      current: 'organizations',
      organizations,
      pager: pagerLinks('/organizaciones', req.query, 'pagina', window),
      kind,
      filters: formChoices.kinds.map((value) => ({ value, active: value === kind })),
    });
  });

  const renderForm = (
    req: Request,
    res: Response,
    view: { organization?: Organization; values: Record<string, string>; errors?: unknown },
  ) => {
    const { organization } = view;
    res.render('organizations/form', {
      pageTitle: organization
        ? req.t('organizations.form.editTitle', { name: organization.name })
        : req.t('organizations.form.newTitle'),
      current: 'organizations',
      ...formChoices,
      ...view,
      action: organization
        ? `/organizaciones/${organization.slug}/editar`
        : '/organizaciones/nueva',
      verified: organization?.verifiedAt != null,
    });
  };

  router.get('/organizaciones/nueva', requireUser, (req, res) => {
    renderForm(req, res, { values: { kind: '', stateCode: '' } });
  });

  router.post('/organizaciones/nueva', requireUser, async (req, res) => {
    const parsed = organizationForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(422);
      return renderForm(req, res, {
        values: typedValues(req.body, organizationFields),
        errors: inFieldOrder(formErrors(parsed.error, req.t), organizationFields),
      });
    }
    const organization = await createOrganization(db, req.user!, parsed.data);
    res.redirect(303, `/organizaciones/${organization.slug}?aviso=creada`);
  });

  router.get('/organizaciones/:slug', async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    res.render('organizations/show', {
      pageTitle: organization.name,
      metaDescription: organization.description.slice(0, 160) || undefined,
      current: 'organizations',
      organization,
      place: placeName(organization),
      sections: await loadSections(sections, organization, {
        user: req.user,
        role,
        query: req.query,
        language: req.language,
        t: req.t,
      }),
      role,
      canEdit: canEditOrganization(role),
      canViewMembers: canViewMembers(role),
      canVerify: canVerifyOrganizations(req.user, config),
      notice: noticeFor(req),
    });
  });

  router.get('/organizaciones/:slug/editar', requireUser, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canEditOrganization(role)) throw new ForbiddenError();
    renderForm(req, res, { organization, values: profileValues(organization) });
  });

  router.post('/organizaciones/:slug/editar', requireUser, async (req, res) => {
    const { organization, role } = await organizationInPath(db, req);
    if (!canEditOrganization(role)) throw new ForbiddenError();
    const parsed = organizationForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(422);
      return renderForm(req, res, {
        organization,
        values: typedValues(req.body, organizationFields),
        errors: inFieldOrder(formErrors(parsed.error, req.t), organizationFields),
      });
    }
    const saved = await updateOrganization(db, req.user!, organization.id, parsed.data);
    const notice = saved.verificationRemoved ? 'verificacion-perdida' : 'guardada';
    res.redirect(303, `/organizaciones/${organization.slug}?aviso=${notice}`);
  });

  router.post('/organizaciones/:slug/verificacion', requireUser, async (req, res) => {
    const { organization } = await organizationInPath(db, req);
    if (!canVerifyOrganizations(req.user, config)) throw new ForbiddenError();
    const parsed = verificationForm.safeParse(req.body ?? {});
    if (!parsed.success)
      throw new ValidationError({ action: 'organizations.errors.actionInvalid' });
    const { action } = parsed.data;
    await setVerification(db, config, req.user!, organization.id, action);
    const notice = action === 'verify' ? 'verificada' : 'verificacion-retirada';
    res.redirect(303, `/organizaciones/${organization.slug}?aviso=${notice}`);
  });

  router.use(memberRoutes(deps));
  router.use(invitationRoutes(deps));
  return router;
}

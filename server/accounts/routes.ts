import { Router, type Request, type Response } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { requireUser } from '../auth/index.ts';
import { ForbiddenError } from '../errors.ts';
import { formErrors, rememberLanguage, SESSION_COOKIE } from '../http/index.ts';
import { deleteAccountForm, MAX_SKILLS, profileForm } from './forms.ts';
import { canManageAccount } from './permissions.ts';
import {
  deleteAccount,
  exportPersonalData,
  membershipsOf,
  popularSkills,
  updateProfile,
} from './service.ts';

export function accountRoutes(db: Db, config: Pick<Config, 'isProduction'>): Router {
  const router = Router();

  router.get('/cuenta/eliminada', (req, res) => {
    res.render('accounts/deleted', { pageTitle: req.t('accounts.deleted.title') });
  });

  router.use('/cuenta', requireUser);

  const renderSettings = async (
    req: Request,
    res: Response,
    extra: Record<string, unknown> = {},
  ) => {
    const user = req.user!;
    const [organizations, suggestions] = await Promise.all([
      membershipsOf(db, user.id),
      popularSkills(db),
    ]);
    res.render('accounts/settings', {
      pageTitle: req.t('accounts.settings.title'),
      current: 'account',
      account: user,
      values: {
        name: user.name ?? user.githubName ?? '',
        bio: user.bio,
        skills: user.skills.join(', '),
        locale: user.locale,
        contactEmail: user.contactEmail ?? '',
      },
      organizations,
      suggestions,
      maxSkills: MAX_SKILLS,
      saved: req.query.guardado === '1',
      ...extra,
    });
  };

  router.get('/cuenta', (req, res) => renderSettings(req, res));

  router.post('/cuenta', async (req, res) => {
    const user = req.user!;
    if (!canManageAccount(user, user)) throw new ForbiddenError();
    const parsed = profileForm.safeParse(req.body);
    if (!parsed.success) {
      res.status(422);
      const raw = req.body as Record<string, unknown>;
      const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
      return renderSettings(req, res, {
        values: {
          name: text('name'),
          bio: text('bio'),
          skills: text('skills'),
          locale: text('locale'),
          contactEmail: text('contactEmail'),
        },
        errors: formErrors(parsed.error, req.t),
      });
    }
    await updateProfile(db, user, parsed.data);
    rememberLanguage(res, parsed.data.locale, config.isProduction);
    res.redirect(303, '/cuenta?guardado=1');
  });

  router.get('/cuenta/datos', async (req, res) => {
    const data = await exportPersonalData(db, req.user!);
    res.setHeader('Cache-Control', 'no-store');
    res.attachment('retos-mis-datos.json');
    res.type('application/json').send(`${JSON.stringify(data, null, 2)}\n`);
  });

  router.get('/cuenta/eliminar', (req, res) => {
    res.render('accounts/delete', {
      pageTitle: req.t('accounts.delete.title'),
      current: 'account',
    });
  });

  router.post('/cuenta/eliminar', async (req, res, next) => {
    const user = req.user!;
    if (!canManageAccount(user, user)) throw new ForbiddenError();
    const parsed = deleteAccountForm.safeParse(req.body);
    if (!parsed.success) {
      res.status(422);
      return res.render('accounts/delete', {
        pageTitle: req.t('accounts.delete.title'),
        current: 'account',
        errors: formErrors(parsed.error, req.t),
      });
    }
    await deleteAccount(db, user);
    req.logout((error) => {
      if (error) return next(error);
      req.session.destroy(() => {
        res.clearCookie(SESSION_COOKIE);
        res.redirect(303, '/cuenta/eliminada');
      });
    });
  });

  return router;
}

import { Router, type RequestHandler } from 'express';
import { isAdmin } from '../people/index.ts';
import { requireUser } from '../auth/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { FeatureDeps } from '../http/index.ts';
import { failedEmails, outboxSummary, retryFailedEmails } from './outbox-admin.ts';
import { isUuid } from '../lib/index.ts';

/** How many emails the last retry put back in line, as the redirect says; anything else is none. */
function retriedCount(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null;
}

export function adminRoutes(deps: FeatureDeps): Router {
  const { db, config, translator } = deps;
  const router = Router();

  const requireAdmin: RequestHandler = (req, _res, next) => {
    if (!isAdmin(req.user, config)) throw new ForbiddenError('admin.refused');
    next();
  };
  router.use('/admin', requireUser, requireAdmin);

  router.get('/admin', async (req, res) => {
    const [summary, failed] = await Promise.all([outboxSummary(db), failedEmails(db, translator)]);
    res.render('admin/index', {
      pageTitle: req.t('admin.title'),
      current: 'admin',
      summary,
      failed,
      retried: retriedCount(req.query.reintentados),
    });
  });

  router.post('/admin/correo/reintentar', async (req, res) => {
    const retried = await retryFailedEmails(db, config, req.user!);
    res.redirect(303, `/admin?reintentados=${retried}#correo`);
  });

  router.post('/admin/correo/:id/reintentar', async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw new NotFoundError();
    const retried = await retryFailedEmails(db, config, req.user!, [id]);
    res.redirect(303, `/admin?reintentados=${retried}#correo`);
  });

  return router;
}

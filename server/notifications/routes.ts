import { Router, type Request, type Response } from 'express';
import { notificationDeliveries } from '../../models/schema/index.ts';
import { requireUser } from '../auth/index.ts';
import { type FeatureDeps, formErrors } from '../http/index.ts';
import { preferencesForm, typedChoices } from './forms.ts';
import { notificationKinds, readUnsubscribeToken, type UnsubscribeScope } from '../mail/index.ts';
import { preferencesOf, saveChoices, unsubscribeWithToken } from './preferences.ts';

/** The choices as the form lists them: one group per kind, one radio per delivery. */
function formGroups(req: Request, values: Record<string, string>) {
  return notificationKinds.map((kind) => ({
    kind,
    label: req.t(`notifications.kinds.${kind}`),
    options: notificationDeliveries.map((delivery) => ({
      value: delivery,
      label: req.t(`notifications.deliveries.${delivery}`),
      checked: values[kind] === delivery,
    })),
  }));
}

function scopeLabel(req: Request, scope: UnsubscribeScope) {
  return scope === 'all' ? undefined : req.t(`notifications.kinds.${scope}`);
}

export function notificationRoutes(deps: FeatureDeps): Router {
  const { db, config } = deps;
  const router = Router();

  const renderPreferences = (
    req: Request,
    res: Response,
    values: Record<string, string>,
    extra: Record<string, unknown> = {},
  ) => {
    const user = req.user!;
    res.render('notifications/preferences', {
      pageTitle: req.t('notifications.preferences.title'),
      current: 'account',
      groups: formGroups(req, values),
      address: user.contactEmail ?? user.email,
      digestHour: config.digestHour,
      ...extra,
    });
  };

  router.get('/cuenta/avisos', requireUser, async (req, res) => {
    const choices = await preferencesOf(db, req.user!.id);
    renderPreferences(req, res, choices, { saved: req.query.guardado === '1' });
  });

  router.post('/cuenta/avisos', requireUser, async (req, res) => {
    const values = typedChoices(req.body);
    const parsed = preferencesForm.safeParse(values);
    if (!parsed.success) {
      res.status(422);
      return renderPreferences(req, res, values, { errors: formErrors(parsed.error, req.t) });
    }
    await saveChoices(db, req.user!.id, parsed.data);
    res.redirect(303, '/cuenta/avisos?guardado=1');
  });

  // Works without signing in: the signed token is the authority. The POST is also what mail
  // programs send for List-Unsubscribe-Post (RFC 8058), with no cookie and no CSRF token.
  const unsubscribePage = async (req: Request, res: Response) => {
    const token = String(req.params.token);
    const found = readUnsubscribeToken(config, token);
    if (!found) {
      res.status(400);
      return res.render('notifications/unsubscribe', {
        pageTitle: req.t('notifications.unsubscribe.invalidTitle'),
        invalid: true,
      });
    }
    const done = req.method === 'POST' ? await unsubscribeWithToken(db, config, token) : false;
    res.render('notifications/unsubscribe', {
      pageTitle: req.t('notifications.unsubscribe.title'),
      token,
      kind: scopeLabel(req, found.scope),
      done,
      gone: req.method === 'POST' && !done,
    });
  };
  router.get('/avisos/baja/:token', unsubscribePage);
  router.post('/avisos/baja/:token', unsubscribePage);

  return router;
}

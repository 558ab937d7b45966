import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { Sponsorship, User } from '../../models/schema/index.ts';
import { requireUser } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { formErrors, translatedErrors, type FeatureDeps } from '../http/index.ts';
import { centavosAsDecimal, dayInMexico } from '../lib/index.ts';
import { isOrganizationMember } from '../organizations/index.ts';
import { amendSponsorship } from './amendment.ts';
import { amendForm, fulfilForm, responseForm } from './forms.ts';
import { fulfilSponsorship, respondToFulfilment } from './fulfilment.ts';
import { canAmendSponsorship, canChangeSponsorship, type PledgeSides } from './lifecycle.ts';
import { findSponsorship } from './queries.ts';

type Found = NonNullable<Awaited<ReturnType<typeof findSponsorship>>>;

/** One of a pledge's change forms: its page, who may open it, how it reads and what it does. */
interface ChangeForm {
  path: string;
  view: string;
  title: string;
  may: (status: Sponsorship['status'], sides: PledgeSides) => boolean;
  initial: (found: Found, today: string) => Record<string, string>;
  parse: (found: Found, body: Record<string, string>) => z.ZodSafeParseResult<unknown>;
  apply: (db: Db, actor: User, id: string, input: never) => Promise<Sponsorship>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

const forms: ChangeForm[] = [
  {
    path: 'cumplimiento',
    view: 'sponsorships/fulfil',
    title: 'sponsorships.fulfil.title',
    may: (status, sides) => canChangeSponsorship('fulfill', status, sides),
    initial: (_found, today) => ({ delivered: '', deliveredOn: today, evidenceUrl: '', note: '' }),
    parse: (_found, body) => fulfilForm.safeParse(body),
    apply: fulfilSponsorship as ChangeForm['apply'],
  },
  {
    path: 'respuesta',
    view: 'sponsorships/respond',
    title: 'sponsorships.respond.title',
    may: (status, sides) =>
      canChangeSponsorship('confirm', status, sides) ||
      canChangeSponsorship('dispute', status, sides),
    initial: () => ({ verdict: '', note: '' }),
    parse: (_found, body) => responseForm.safeParse(body),
    apply: respondToFulfilment as ChangeForm['apply'],
  },
  {
    path: 'modificar',
    view: 'sponsorships/amend',
    title: 'sponsorships.amend.title',
    may: canAmendSponsorship,
    initial: ({ sponsorship }) => ({
      amount:
        sponsorship.amountCentavos === null ? '' : centavosAsDecimal(sponsorship.amountCentavos),
      description: sponsorship.description,
      terms: sponsorship.terms,
      dueOn: sponsorship.dueOn ?? '',
      note: '',
    }),
    parse: ({ sponsorship }, body) => amendForm(sponsorship.kind).safeParse(body),
    apply: amendSponsorship as ChangeForm['apply'],
  },
];

/** The pages where an office records a delivery or amends its pledge, and the receiver answers. */
export function sponsorshipChangeRoutes({ db }: FeatureDeps): Router {
  const router = Router();

  async function pledgeFor(req: Request, form: ChangeForm) {
    const found = await findSponsorship(db, String(req.params.id));
    if (!found) throw new NotFoundError();
    const sides = {
      office: await isOrganizationMember(db, req.user?.id, found.office.id),
      receiver: await isOrganizationMember(db, req.user?.id, found.challenge.organizationId),
    };
    if (!form.may(found.sponsorship.status, sides)) {
      throw new ForbiddenError('sponsorships.errors.transitionRefused');
    }
    return found;
  }

  function render(req: Request, res: Response, form: ChangeForm, found: Found, extra: object) {
    res.render(form.view, {
      pageTitle: req.t(form.title, { office: found.office.name }),
      ...found,
      action: `/patrocinios/${found.sponsorship.id}/${form.path}`,
      ...extra,
    });
  }

  for (const form of forms) {
    router.get(`/patrocinios/:id/${form.path}`, requireUser, async (req, res) => {
      const found = await pledgeFor(req, form);
      render(req, res, form, found, { values: form.initial(found, dayInMexico(new Date())) });
    });

    router.post(`/patrocinios/:id/${form.path}`, requireUser, async (req, res) => {
      const found = await pledgeFor(req, form);
      const values = Object.fromEntries(
        Object.keys(form.initial(found, '')).map((key) => [key, text(req.body?.[key])]),
      );
      const parsed = form.parse(found, values);
      if (!parsed.success) {
        res.status(422);
        return render(req, res, form, found, { values, errors: formErrors(parsed.error, req.t) });
      }
      try {
        await form.apply(db, req.user!, found.sponsorship.id, parsed.data as never);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        res.status(422);
        return render(req, res, form, found, { values, errors: translatedErrors(error, req.t) });
      }
      res.redirect(303, `/patrocinios/${found.sponsorship.id}`);
    });
  }

  return router;
}

import { z } from 'zod';
import { sponsorshipKinds } from '../../models/schema/index.ts';
import { httpUrl, isCalendarDate, parsePesos } from '../lib/index.ts';

// A promised or delivered day: empty, or a real calendar date (the service checks past/future).
const calendarDay = (message: string) =>
  z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || isCalendarDate(value), message);

const promiseFields = {
  amount: z.string().trim().default(''),
  description: z.string().trim().max(2000, 'sponsorships.errors.tooLong').default(''),
  terms: z.string().trim().max(5000, 'sponsorships.errors.tooLong').default(''),
  dueOn: calendarDay('sponsorships.errors.dateInvalid'),
};

type PromiseForm = { kind: (typeof sponsorshipKinds)[number]; amount: string; description: string };

/** A prize has a positive amount in pesos, any other kind none but a description. */
function checkPromise(form: PromiseForm, ctx: z.RefinementCtx) {
  if (form.kind === 'prize') {
    const centavos = parsePesos(form.amount);
    if (centavos === undefined || centavos <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'sponsorships.errors.amountInvalid',
      });
    }
  } else if (form.amount) {
    ctx.addIssue({
      code: 'custom',
      path: ['amount'],
      message: 'sponsorships.errors.amountOnlyForPrize',
    });
  }
  if (form.kind !== 'prize' && !form.description) {
    ctx.addIssue({
      code: 'custom',
      path: ['description'],
      message: 'sponsorships.errors.descriptionRequired',
    });
  }
}

const promiseOf = (form: PromiseForm & { terms: string; dueOn: string }) => ({
  amountCentavos: form.kind === 'prize' ? (parsePesos(form.amount) ?? null) : null,
  description: form.description,
  terms: form.terms,
  dueOn: form.dueOn || null,
});

export const pledgeForm = z
  .object({
    organizationId: z.uuid('sponsorships.errors.officeRequired'),
    kind: z.enum(sponsorshipKinds, { error: 'sponsorships.errors.kindRequired' }),
    ...promiseFields,
  })
  .superRefine(checkPromise)
  .transform((form) => ({
    organizationId: form.organizationId,
    kind: form.kind,
    ...promiseOf(form),
  }));

export type PledgeInput = z.output<typeof pledgeForm>;

/** An amendment: the same promise fields (the kind stays), and why it changed, said publicly. */
export function amendForm(kind: (typeof sponsorshipKinds)[number]) {
  return z
    .object({
      ...promiseFields,
      note: z
        .string()
        .trim()
        .min(1, 'sponsorships.errors.amendNoteRequired')
        .max(2000, 'sponsorships.errors.tooLong'),
    })
    .superRefine((form, ctx) => checkPromise({ ...form, kind }, ctx))
    .transform((form) => ({ ...promiseOf({ ...form, kind }), note: form.note }));
}

export type AmendInput = z.output<ReturnType<typeof amendForm>>;

/** What the office delivered, when, and a public link anyone can open to check it. */
export const fulfilForm = z.object({
  delivered: z
    .string()
    .trim()
    .min(1, 'sponsorships.errors.deliveredRequired')
    .max(2000, 'sponsorships.errors.tooLong'),
  deliveredOn: z
    .string()
    .trim()
    .refine((value) => isCalendarDate(value), 'sponsorships.errors.dateInvalid'),
  evidenceUrl: z
    .string()
    .trim()
    .max(2000, 'sponsorships.errors.tooLong')
    .pipe(httpUrl('sponsorships.errors.evidenceInvalid')),
  note: z.string().trim().max(2000, 'sponsorships.errors.tooLong').default(''),
});

export type FulfilInput = z.output<typeof fulfilForm>;

/** The receiver's answer: a dispute must say what is missing; a confirmation may add a note. */
export const responseForm = z
  .object({
    verdict: z.enum(['confirm', 'dispute'], { error: 'sponsorships.errors.transitionRefused' }),
    note: z.string().trim().max(2000, 'sponsorships.errors.tooLong').default(''),
  })
  .superRefine((form, ctx) => {
    if (form.verdict === 'dispute' && !form.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'sponsorships.errors.disputeNoteRequired',
      });
    }
  });

export type ResponseInput = z.output<typeof responseForm>;

export const withdrawForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'sponsorships.errors.reasonRequired')
    .max(2000, 'sponsorships.errors.tooLong'),
});

import { z } from 'zod';
import { sponsorshipKinds } from '../../models/schema/index.ts';
import { parsePesos } from '../lib/index.ts';

export const pledgeForm = z
  .object({
    organizationId: z.uuid('sponsorships.errors.officeRequired'),
    kind: z.enum(sponsorshipKinds, { error: 'sponsorships.errors.kindRequired' }),
    amount: z.string().trim().default(''),
    description: z.string().trim().max(2000, 'sponsorships.errors.tooLong').default(''),
    terms: z.string().trim().max(5000, 'sponsorships.errors.tooLong').default(''),
  })
  .superRefine((form, ctx) => {
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
  })
  .transform((form) => ({
    organizationId: form.organizationId,
    kind: form.kind,
    amountCentavos: form.kind === 'prize' ? (parsePesos(form.amount) ?? null) : null,
    description: form.description,
    terms: form.terms,
  }));

export type PledgeInput = z.output<typeof pledgeForm>;

export const withdrawForm = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'sponsorships.errors.reasonRequired')
    .max(2000, 'sponsorships.errors.tooLong'),
});

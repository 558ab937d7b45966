import { z } from 'zod';
import { isCalendarDate, isHttpUrl } from '../lib/index.ts';

export const MAX_ENDORSEMENT = 500;

/**
 * The latest calendar date that has begun somewhere (UTC+14): an adoption may be dated today
 * wherever the person is, never tomorrow.
 */
export function latestToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

const text = (required: string, max: number, tooLong: string) =>
  z.string({ error: required }).trim().min(1, required).max(max, tooLong);

const optionalText = (max: number, tooLong: string) =>
  z.string().trim().max(max, tooLong).default('');

/** A progress update: what happened, optionally a milestone it reaches and a link to see it. */
export const progressForm = z
  .object({
    body: text('tracking.errors.bodyRequired', 5000, 'tracking.errors.tooLong'),
    milestone: optionalText(120, 'tracking.errors.milestoneTooLong'),
    linkUrl: optionalText(500, 'tracking.errors.linkInvalid').refine(
      (url) => url === '' || isHttpUrl(url),
      'tracking.errors.linkInvalid',
    ),
  })
  .transform((form) => ({
    body: form.body,
    milestone: form.milestone || null,
    linkUrl: form.linkUrl || null,
  }));

export type ProgressInput = z.output<typeof progressForm>;

/** An organization says it uses the solution: since when, and where to see the evidence. */
export function adoptionForm(now: Date = new Date()) {
  return z.object({
    organizationId: z.string({ error: 'tracking.errors.organizationRequired' }).trim().min(1, {
      message: 'tracking.errors.organizationRequired',
    }),
    since: z
      .string({ error: 'tracking.errors.sinceInvalid' })
      .trim()
      .refine(isCalendarDate, 'tracking.errors.sinceInvalid')
      .refine((date) => date >= '2000-01-01', 'tracking.errors.sinceInvalid')
      .refine((date) => !isCalendarDate(date) || date <= latestToday(now), {
        message: 'tracking.errors.sinceFuture',
      }),
    evidenceUrl: z
      .string({ error: 'tracking.errors.evidenceRequired' })
      .trim()
      .min(1, 'tracking.errors.evidenceRequired')
      .max(500, 'tracking.errors.evidenceInvalid')
      .refine((url) => url === '' || isHttpUrl(url), 'tracking.errors.evidenceInvalid'),
  });
}

export type AdoptionInput = z.output<ReturnType<typeof adoptionForm>>;

/** A short statement in the endorser's words, on behalf of one of their organizations. */
export const endorsementForm = z.object({
  organizationId: z.string().trim().default(''),
  statement: text(
    'tracking.errors.statementRequired',
    MAX_ENDORSEMENT,
    'tracking.errors.statementTooLong',
  ),
});

export type EndorsementInput = z.output<typeof endorsementForm>;

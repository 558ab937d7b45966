import { z } from 'zod';
import { isHttpUrl } from '../lib/index.ts';
import type { Proposal } from '../../models/schema/index.ts';
import { canonicalRepositoryUrl } from '../github/index.ts';

export const MAX_TECHNOLOGIES = 20;

/** "TypeScript, PostgreSQL, , typescript" → ["TypeScript", "PostgreSQL"]. */
export function technologyList(value: string): string[] {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const item of value.split(',')) {
    const name = item.trim().replace(/\s+/g, ' ');
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    list.push(name);
  }
  return list;
}

/** The form's fields as strings, whatever the body held, so a 422 shows back what was typed. */
export function proposalFormValues(body: Record<string, unknown> | undefined) {
  const text = (key: string) => (typeof body?.[key] === 'string' ? (body[key] as string) : '');
  return {
    title: text('title'),
    summary: text('summary'),
    approach: text('approach'),
    repositoryUrl: text('repositoryUrl'),
    demoUrl: text('demoUrl'),
    technologies: text('technologies'),
  };
}
export type ProposalFormValues = ReturnType<typeof proposalFormValues>;

/** A saved proposal as the form's values. */
export function proposalAsFormValues(proposal: Proposal): ProposalFormValues {
  return {
    title: proposal.title,
    summary: proposal.summary,
    approach: proposal.approach,
    repositoryUrl: proposal.repositoryUrl ?? '',
    demoUrl: proposal.demoUrl ?? '',
    technologies: proposal.technologies.join(', '),
  };
}

// A draft may be saved incomplete; what submission needs on top is in submissionErrors.
export const proposalForm = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'proposals.errors.titleRequired')
      .max(140, 'proposals.errors.titleTooLong'),
    summary: z
      .string()
      .trim()
      .min(1, 'proposals.errors.summaryRequired')
      .max(500, 'proposals.errors.summaryTooLong'),
    approach: z.string().trim().max(20_000, 'proposals.errors.tooLong'),
    repositoryUrl: z
      .string()
      .trim()
      .max(300, 'proposals.errors.tooLong')
      .refine(
        (value) => value === '' || canonicalRepositoryUrl(value) !== undefined,
        'proposals.errors.repositoryUrlInvalid',
      ),
    demoUrl: z
      .string()
      .trim()
      .max(500, 'proposals.errors.tooLong')
      .refine((value) => value === '' || isHttpUrl(value), 'proposals.errors.demoUrlInvalid'),
    technologies: z
      .string()
      .transform(technologyList)
      .pipe(
        z
          .array(z.string().max(40, 'proposals.errors.technologyTooLong'))
          .max(MAX_TECHNOLOGIES, 'proposals.errors.tooManyTechnologies'),
      ),
  })
  .transform((form) => ({
    ...form,
    repositoryUrl: form.repositoryUrl ? canonicalRepositoryUrl(form.repositoryUrl)! : null,
    demoUrl: form.demoUrl || null,
  }));

export type ProposalInput = z.output<typeof proposalForm>;

/** What a draft still lacks before it can be submitted, as field → translation key. */
export function submissionErrors(
  proposal: Pick<Proposal, 'summary' | 'approach' | 'repositoryUrl'>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!proposal.summary.trim()) errors.summary = 'proposals.errors.summaryRequired';
  if (!proposal.approach.trim()) errors.approach = 'proposals.errors.approachRequiredToSubmit';
  if (!proposal.repositoryUrl) errors.repositoryUrl = 'proposals.errors.repositoryRequiredToSubmit';
  return errors;
}

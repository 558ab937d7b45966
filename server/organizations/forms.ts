import { z } from 'zod';
import { isHttpUrl } from '../lib/index.ts';
import { mexicanStates } from '../../models/mexican-states.ts';
import { membershipRoles, organizationKinds } from '../../models/schema/index.ts';

const stateCodes = new Set<string>(mexicanStates.map((state) => state.code));

/** The profile of an organization, as created and edited; '' state means national reach. */
export const organizationForm = z
  .object({
    name: z
      .string({ error: 'organizations.errors.nameRequired' })
      .trim()
      .min(1, 'organizations.errors.nameRequired')
      .max(120, 'organizations.errors.nameTooLong'),
    kind: z.enum(organizationKinds, { error: 'organizations.errors.kindRequired' }),
    description: z.string().trim().max(5000, 'organizations.errors.descriptionTooLong').default(''),
    stateCode: z
      .string()
      .default('')
      .refine((code) => code === '' || stateCodes.has(code), 'organizations.errors.stateInvalid'),
    municipality: z
      .string()
      .trim()
      .max(120, 'organizations.errors.municipalityTooLong')
      .default(''),
    websiteUrl: z
      .string()
      .trim()
      .max(300, 'organizations.errors.websiteInvalid')
      .refine((url) => url === '' || isHttpUrl(url), 'organizations.errors.websiteInvalid')
      .default(''),
  })
  .refine((form) => Boolean(form.stateCode) || !form.municipality, {
    path: ['stateCode'],
    message: 'organizations.errors.stateForMunicipality',
    // Checked even when other fields fail, so every message shows at once.
    when: ({ value }) => {
      const form = value as { stateCode?: unknown; municipality?: unknown };
      return typeof form.stateCode === 'string' && typeof form.municipality === 'string';
    },
  })
  .transform((form) => ({
    ...form,
    stateCode: form.stateCode || null,
    municipality: form.municipality || null,
    websiteUrl: form.websiteUrl || null,
  }));

export type OrganizationInput = z.output<typeof organizationForm>;

export const organizationFields = [
  'name',
  'kind',
  'description',
  'stateCode',
  'municipality',
  'websiteUrl',
] as const;

/** Field messages in the order the fields appear, so the summary reads top to bottom. */
export function inFieldOrder(
  errors: Record<string, string>,
  fields: readonly string[],
): Record<string, string> {
  const ordered = Object.fromEntries(
    fields.filter((field) => errors[field]).map((field) => [field, errors[field]!]),
  );
  return { ...ordered, ...errors };
}

export const invitationForm = z.object({
  email: z
    .string({ error: 'organizations.errors.emailRequired' })
    .trim()
    .min(1, 'organizations.errors.emailRequired')
    .max(254, 'organizations.errors.emailInvalid')
    .transform((value) => value.toLowerCase())
    .pipe(z.email('organizations.errors.emailInvalid')),
});

export const verificationForm = z.object({
  action: z.enum(['verify', 'unverify'], { error: 'organizations.errors.actionInvalid' }),
});

export const roleForm = z.object({
  role: z.enum(membershipRoles, { error: 'organizations.errors.roleInvalid' }),
});

export const kindFilter = z.enum(organizationKinds).optional().catch(undefined);

import { z } from 'zod';
import { isCalendarDate, isHttpUrl } from '../lib/index.ts';
import { mexicanStates } from '../../models/mexican-states.ts';
import { isSdgNumber } from '../../models/sustainable-development-goals.ts';

export const MAX_ROWS = 20;
/** Characters each field takes; the form states them and the schema holds to them. */
export const challengeLimits = {
  title: 140,
  pitch: 160,
  problem: 10_000,
  affected: 5_000,
  currentSituation: 5_000,
  successCriteria: 5_000,
  skills: 1_000,
  skill: 40,
  municipality: 120,
  rowName: 200,
  url: 500,
} as const;
const stateCodes = new Set<string>(mexicanStates.map((state) => state.code));

/** A repeated form field (parallel inputs such as dataset_title) as an array of strings. */
const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map((item) => String(item ?? ''))
    : typeof value === 'string'
      ? [value]
      : [];

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const markdownField = (max: number, requiredKey?: string) => {
  const base = z.string().trim().max(max, 'challengeForm.errors.tooLong');
  return requiredKey ? base.min(1, requiredKey) : base;
};

const rowText = z.string().max(challengeLimits.rowName, 'challengeForm.errors.tooLong');
const urlText = z.string().max(challengeLimits.url, 'challengeForm.errors.tooLong');

export const challengeForm = z
  .object({
    organizationId: z.uuid('challengeForm.errors.organizationRequired').optional(),
    title: z
      .string()
      .trim()
      .min(1, 'challengeForm.errors.titleRequired')
      .max(challengeLimits.title, 'challengeForm.errors.titleTooLong'),
    pitch: z
      .string()
      .trim()
      .min(1, 'challengeForm.errors.pitchRequired')
      .max(challengeLimits.pitch, 'challengeForm.errors.pitchTooLong'),
    problem: markdownField(challengeLimits.problem, 'challengeForm.errors.problemRequired'),
    affected: markdownField(challengeLimits.affected, 'challengeForm.errors.affectedRequired'),
    currentSituation: markdownField(challengeLimits.currentSituation),
    successCriteria: markdownField(
      challengeLimits.successCriteria,
      'challengeForm.errors.successRequired',
    ),
    skills: z
      .array(z.string().max(challengeLimits.skill, 'challengeForm.errors.skillTooLong'))
      .max(MAX_ROWS, 'challengeForm.errors.tooManySkills'),
    sdgs: z.array(z.number()).min(1, 'challengeForm.errors.sdgRequired'),
    stateCode: z
      .string()
      .refine((code) => code === '' || stateCodes.has(code), 'challengeForm.errors.stateInvalid'),
    municipality: z
      .string()
      .trim()
      .max(challengeLimits.municipality, 'challengeForm.errors.tooLong'),
    deadline: z
      .string()
      .refine((value) => value === '' || isCalendarDate(value), 'challengeForm.errors.dateInvalid'),
    dataSets: z.array(z.object({ title: rowText, url: urlText })),
    phases: z.array(z.object({ name: rowText, startsOn: z.string(), endsOn: z.string() })),
    criteria: z.array(z.object({ id: z.string(), name: rowText, weight: z.string() })),
  })
  .superRefine((form, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (form.stateCode && !form.municipality)
      issue('municipality', 'challengeForm.errors.municipalityRequired');
    if (!form.stateCode && form.municipality)
      issue('stateCode', 'challengeForm.errors.stateRequired');
    if (form.sdgs.some((goal) => !isSdgNumber(goal)))
      issue('sdgs', 'challengeForm.errors.sdgInvalid');
    if (form.dataSets.some((row) => !row.title || !isHttpUrl(row.url)))
      issue('dataSets', 'challengeForm.errors.dataSetInvalid');
    if (
      form.phases.some(
        (row) =>
          !row.name ||
          !isCalendarDate(row.startsOn) ||
          !isCalendarDate(row.endsOn) ||
          row.endsOn < row.startsOn,
      )
    ) {
      issue('phases', 'challengeForm.errors.phaseInvalid');
    }
    const weights = form.criteria.map((row) => Number(row.weight));
    if (form.criteria.length === 0) issue('criteria', 'challengeForm.errors.criteriaRequired');
    else if (
      form.criteria.some(
        (row, i) =>
          !row.name || !Number.isInteger(weights[i]) || weights[i]! < 1 || weights[i]! > 100,
      )
    ) {
      issue('criteria', 'challengeForm.errors.criterionInvalid');
    } else if (
      new Set(form.criteria.map((row) => row.name.toLowerCase())).size < form.criteria.length
    ) {
      // Reviewers score each criterion by name: two with one name could not be told apart.
      issue('criteria', 'challengeForm.errors.criterionDuplicate');
    } else if (weights.reduce((sum, weight) => sum + weight, 0) !== 100) {
      issue('criteria', 'challengeForm.errors.weightsSum');
    }
  })
  .transform((form) => ({
    ...form,
    stateCode: form.stateCode || null,
    municipality: form.municipality || null,
    deadline: form.deadline || null,
    criteria: form.criteria.map((row) => ({
      id: row.id || null,
      name: row.name,
      weight: Number(row.weight),
    })),
  }));

export type ChallengeInput = z.output<typeof challengeForm>;

/** The submitted body as the form's shape: rows zipped, empty rows dropped, values trimmed. */
export function challengeFormValues(body: Record<string, unknown>) {
  const rows = <K extends string>(keys: readonly K[]) => {
    const columns = keys.map((key) => list(body[key]));
    const length = Math.min(Math.max(0, ...columns.map((column) => column.length)), MAX_ROWS);
    return Array.from({ length }, (_, i) =>
      columns.map((column) => (column[i] ?? '').trim()),
    ).filter((row) => row.some(Boolean));
  };
  const organizationId = text(body.organizationId);
  return {
    ...(organizationId ? { organizationId } : {}),
    title: text(body.title),
    pitch: text(body.pitch),
    problem: text(body.problem),
    affected: text(body.affected),
    currentSituation: text(body.currentSituation),
    successCriteria: text(body.successCriteria),
    skills: [
      ...new Set(
        text(body.skills)
          .split(',')
          .map((skill) => skill.trim().replace(/\s+/g, ' '))
          .filter(Boolean),
      ),
    ],
    sdgs: [...new Set(list(body.sdgs).map(Number))].sort((a, b) => a - b),
    stateCode: text(body.stateCode),
    municipality: text(body.municipality),
    deadline: text(body.deadline),
    dataSets: rows(['dataset_title', 'dataset_url'] as const).map(([title, url]) => ({
      title: title!,
      url: url!,
    })),
    phases: rows(['phase_name', 'phase_start', 'phase_end'] as const).map(
      ([name, startsOn, endsOn]) => ({
        name: name!,
        startsOn: startsOn!,
        endsOn: endsOn!,
      }),
    ),
    // The hidden id says which saved criterion a row edits; a row emptied of name and weight
    // is one taken out.
    criteria: rows(['criterion_name', 'criterion_weight', 'criterion_id'] as const)
      .filter(([name, weight]) => name || weight)
      .map(([name, weight, id]) => ({ id: id!, name: name!, weight: weight! })),
  };
}

export type ChallengeFormValues = ReturnType<typeof challengeFormValues>;

export const replicateForm = z
  .object({
    organizationId: z.uuid('challengeForm.errors.organizationRequired'),
    stateCode: z
      .string()
      .refine((code) => code === '' || stateCodes.has(code), 'challengeForm.errors.stateInvalid'),
    municipality: z
      .string()
      .trim()
      .max(challengeLimits.municipality, 'challengeForm.errors.tooLong'),
  })
  .superRefine((form, ctx) => {
    if (form.stateCode && !form.municipality) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipality'],
        message: 'challengeForm.errors.municipalityRequired',
      });
    }
  });

import { mexicanStates } from '../../models/mexican-states.ts';
import { sdgNumbers } from '../../models/sustainable-development-goals.ts';
import type { Translate } from '../i18n/index.ts';
import { challengeLimits, type ChallengeFormValues } from './forms.ts';

const BLANK_ROWS = 2;

/** The form's values: as submitted, or as a saved challenge has them. */
export type ChallengeFormInput = {
  [K in keyof Omit<ChallengeFormValues, 'criteria'>]?: ChallengeFormValues[K] | null;
} & { criteria?: { id?: string | null; name: string; weight: string | number }[] };

type Values = ChallengeFormInput;

const withBlanks = <T>(rows: T[] | null | undefined, blank: T, minimum: number) => {
  const filled = rows ?? [];
  return [
    ...filled,
    ...Array.from({ length: Math.max(BLANK_ROWS, minimum - filled.length) }, () => blank),
  ];
};

/** What the challenge form shows: the values, blank rows to add more without JavaScript, options. */
export function challengeFormView(values: Values, t: Translate) {
  const sdgs = new Set(values.sdgs ?? []);
  return {
    limits: challengeLimits,
    values: {
      ...values,
      skills: (values.skills ?? []).join(', '),
      stateCode: values.stateCode ?? '',
      municipality: values.municipality ?? '',
      deadline: values.deadline ?? '',
    },
    dataSetRows: withBlanks(values.dataSets, { title: '', url: '' }, 2),
    phaseRows: withBlanks(values.phases, { name: '', startsOn: '', endsOn: '' }, 2),
    criterionRows: withBlanks(values.criteria, { id: '', name: '', weight: '' }, 3),
    sdgOptions: sdgNumbers.map((number) => ({
      number,
      name: t(`sdg.${number}`),
      checked: sdgs.has(number),
    })),
    stateOptions: mexicanStates.map((state) => ({
      ...state,
      selected: state.code === values.stateCode,
    })),
  };
}

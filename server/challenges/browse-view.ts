import { mexicanStates } from '../../models/mexican-states.ts';
import { sdgNumbers } from '../../models/sustainable-development-goals.ts';
import type { Translate } from '../i18n/index.ts';
import {
  kindValues,
  NATIONAL,
  sortValues,
  statusValues,
  type BrowseParam,
} from './browse-query.ts';

// The filter form of /retos as the view draws it: every select's options, the chosen one marked.

type Choices = [value: string, label: string][];
type Params = Partial<Record<BrowseParam, string>>;

interface SelectChoices {
  status: Choices;
  sdg: Choices;
  state: Choices;
  kind: Choices;
  sponsored: Choices;
  sort: Choices;
}

// The labels depend only on the language: they are translated once per language, not per request.
const choicesByLanguage = new WeakMap<Translate, SelectChoices>();

function selectChoices(t: Translate): SelectChoices {
  const cached = choicesByLanguage.get(t);
  if (cached) return cached;
  const choices: SelectChoices = {
    status: [
      ['', t('browse.form.anyStatus')],
      ...Object.entries(statusValues).map(([value, status]): [string, string] => [
        value,
        t(`challenge.status.${status}`),
      ]),
    ],
    sdg: [
      ['', t('browse.form.anySdg')],
      ...sdgNumbers.map((number): [string, string] => [
        String(number),
        t('browse.form.sdgOption', { number, name: t(`sdg.${number}`) }),
      ]),
    ],
    state: [
      ['', t('browse.form.anyState')],
      [NATIONAL, t('browse.form.national')],
      ...mexicanStates.map((state): [string, string] => [state.code, state.name]),
    ],
    kind: [
      ['', t('browse.form.anyKind')],
      ...Object.entries(kindValues).map(([value, kind]): [string, string] => [
        value,
        t(`organizationKind.${kind}`),
      ]),
    ],
    sponsored: [
      ['', t('browse.form.anySponsored')],
      ['si', t('browse.form.sponsoredYes')],
      ['no', t('browse.form.sponsoredNo')],
    ],
    sort: Object.keys(sortValues).map((value): [string, string] => [
      value,
      t(`browse.form.sortOptions.${value}`),
    ]),
  };
  choicesByLanguage.set(t, choices);
  return choices;
}

function options(chosen: string | undefined, choices: Choices) {
  return choices.map(([value, label]) => ({ value, label, selected: value === (chosen ?? '') }));
}

export function browseForm(t: Translate, params: Params) {
  const choices = selectChoices(t);
  return {
    values: params,
    status: options(params.estado, choices.status),
    sdg: options(params.ods, choices.sdg),
    state: options(params.entidad, choices.state),
    kind: options(params.tipo, choices.kind),
    sponsored: options(params.patrocinado, choices.sponsored),
    // Relevance is the default: with a search it ranks, without one it falls back to newest.
    sort: options(params.orden ?? 'relevancia', choices.sort),
  };
}

/** How many filters (search and order aside) narrow the list, for the summary of the form. */
export function activeFilterCount(params: Params): number {
  const filters: BrowseParam[] = ['estado', 'ods', 'entidad', 'habilidad', 'tipo', 'patrocinado'];
  return filters.filter((name) => params[name] !== undefined).length;
}

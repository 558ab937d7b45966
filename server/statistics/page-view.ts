import { mexicanStateName, mexicanStates } from '../../models/mexican-states.ts';
import type { Translate } from '../i18n/index.ts';
import { funnelView, mediansView, moneyView, sdgView } from './chart-view.ts';
import { statisticsUrl, type StatisticsQuery } from './filters.ts';
import { mapView } from './map-view.ts';
import type { Statistics } from './service.ts';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Whole numbers as people read them in the language: 12,345 in both es-MX and en-US. */
export function numberFormat(language: string): (value: number) => string {
  const locale = language === 'en' ? 'en-US' : 'es-MX';
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    numberFormats.set(locale, format);
  }
  return (value) => format.format(value);
}

/** What views/statistics/index.hbs draws: every chart with its reading and its table. */
export function statisticsPage(
  t: Translate,
  language: string,
  figures: Statistics,
  query: StatisticsQuery,
) {
  const format = numberFormat(language);
  const stateName = query.state
    ? query.state === 'national'
      ? t('statistics.map.national')
      : mexicanStateName(query.state)
    : undefined;
  const scope = [stateName, figures.organization?.name].filter(Boolean).join(' · ');
  return {
    pageTitle: scope ? t('statistics.titleScoped', { scope }) : t('statistics.title'),
    metaDescription: t('statistics.intro'),
    current: 'statistics',
    scope,
    organization: figures.organization && {
      name: figures.organization.name,
      href: `/organizaciones/${encodeURIComponent(figures.organization.slug)}`,
    },
    clearUrl: query.params.entidad || query.params.organizacion ? statisticsUrl({}) : undefined,
    filter: {
      organizacion: query.params.organizacion,
      mapa: query.params.mapa,
      states: [
        { value: '', label: t('statistics.filter.anyState'), selected: !query.params.entidad },
        ...mexicanStates.map((state) => ({
          value: state.code,
          label: state.name,
          selected: query.params.entidad === state.code,
        })),
        {
          value: 'nacional',
          label: t('statistics.map.national'),
          selected: query.params.entidad === 'nacional',
        },
      ],
    },
    map: mapView(t, format, figures.byState, query),
    funnel: funnelView(t, format, figures.funnel),
    sdg: sdgView(t, format, figures.bySdg),
    money: moneyView(t, format, language, figures.money),
    medians: mediansView(t, language, figures.medians),
  };
}

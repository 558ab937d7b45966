import { formatCentavos } from '../lib/index.ts';
import type { Translate } from '../i18n/index.ts';
import type { MoneyByOffice, MoneyCell, MoneyRow } from './money-queries.ts';
import { moneyColumns } from './money-queries.ts';
import type { MedianDays, Medians, StageCounts } from './stage-queries.ts';

// Horizontal bar charts drawn as SVG on the server: a label above each bar, the value after it.
// The sizes are in the SVG's own units; the stylesheet scales the drawing to the column.

const CHART_WIDTH = 320;
const BAR_SPACE = 220;
/** Longer labels are cut with an ellipsis in the drawing; the table below has them whole. */
const LABEL_CHARACTERS = 46;
const ROW_HEIGHT = 46;

export interface BarInput {
  label: string;
  value: number;
  valueText: string;
}

export function barChart(rows: BarInput[]) {
  const max = Math.max(0, ...rows.map((row) => row.value));
  return {
    width: CHART_WIDTH,
    height: rows.length * ROW_HEIGHT,
    bars: rows.map((row, index) => {
      const width = max > 0 ? (row.value / max) * BAR_SPACE : 0;
      // A value above zero always shows, however small beside the largest.
      const barWidth = row.value > 0 ? Math.max(width, 2) : 0;
      const y = index * ROW_HEIGHT;
      return {
        ...row,
        label:
          row.label.length > LABEL_CHARACTERS
            ? `${row.label.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…`
            : row.label,
        labelY: y + 16,
        barY: y + 22,
        barWidth: barWidth.toFixed(1),
        valueX: (barWidth + 6).toFixed(1),
        valueY: y + 37,
      };
    }),
  };
}

export type Format = (value: number) => string;

const stages = ['published', 'proposed', 'started', 'delivered', 'adopted', 'validated'] as const;

export function funnelView(t: Translate, format: Format, funnel: StageCounts) {
  const percent = (value: number) =>
    funnel.published > 0 ? `${Math.round((value / funnel.published) * 100)} %` : '—';
  const rows = stages.map((stage) => ({
    stage,
    label: t(`statistics.funnel.stages.${stage}`),
    value: funnel[stage],
    valueText: format(funnel[stage]),
    share: percent(funnel[stage]),
  }));
  const reading =
    funnel.published > 0
      ? t('statistics.funnel.reading', {
          count: funnel.published,
          n: format(funnel.published),
          delivered: format(funnel.delivered),
          adopted: format(funnel.adopted),
          validated: format(funnel.validated),
        })
      : t('statistics.funnel.readingNone');
  return { chart: barChart(rows), rows, reading };
}

export function sdgView(
  t: Translate,
  format: Format,
  bySdg: { sdg: number; challenges: number }[],
) {
  const rows = bySdg.map(({ sdg, challenges }) => ({
    sdg,
    label: t('statistics.sdg.label', { number: sdg, name: t(`sdg.${sdg}`) }),
    value: challenges,
    valueText: format(challenges),
    href: `/retos?ods=${sdg}`,
  }));
  const top = rows.reduce<(typeof rows)[number] | undefined>(
    (best, row) => (row.value > (best?.value ?? 0) ? row : best),
    undefined,
  );
  const reading = top
    ? t('statistics.sdg.reading', { goal: top.label, count: top.value, n: top.valueText })
    : t('statistics.sdg.readingNone');
  return { chart: barChart(rows), rows, reading };
}

export function moneyView(t: Translate, format: Format, language: string, money: MoneyByOffice) {
  const pesos = (centavos: number) => formatCentavos(centavos, language);
  const cells = (row: MoneyRow) =>
    moneyColumns.map((column) => {
      const cell: MoneyCell = row[column];
      return {
        column,
        amount: pesos(cell.centavos),
        pledges: t('statistics.money.pledges', { count: cell.count, n: format(cell.count) }),
      };
    });
  const offices = money.offices.map((office) => ({
    name: office.name,
    href: `/organizaciones/${encodeURIComponent(office.slug)}`,
    cells: cells(office),
  }));
  const chart = barChart(
    money.offices.map((office) => ({
      // Support that is not money counts too: the label says how many pledges back the bar.
      label: `${office.name} · ${t('statistics.money.pledges', {
        count: office.backing.count,
        n: format(office.backing.count),
      })}`,
      value: office.backing.centavos,
      valueText: pesos(office.backing.centavos),
    })),
  );
  const top = money.offices[0];
  const reading = top
    ? t('statistics.money.reading', {
        office: top.name,
        amount: pesos(top.backing.centavos),
        confirmed: pesos(top.confirmed.centavos),
        total: pesos(money.total.backing.centavos),
      })
    : t('statistics.money.readingNone');
  return {
    columns: moneyColumns.map((column) => ({
      column,
      label: t(`statistics.money.columns.${column}`),
    })),
    offices,
    total: cells(money.total),
    chart,
    reading,
    more:
      money.officeCount > money.offices.length
        ? t('statistics.money.more', {
            count: money.officeCount,
            n: format(money.officeCount),
            shown: format(money.offices.length),
          })
        : undefined,
  };
}

export function mediansView(t: Translate, language: string, medians: Medians) {
  const days = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'es-MX', {
    maximumFractionDigits: 1,
  });
  const daysText = (median: MedianDays) =>
    median.days === null
      ? t('statistics.medians.noData')
      : t('statistics.medians.days', { count: median.days, n: days.format(median.days) });
  const rows = (['toFirstProposal', 'toDelivery', 'toAdoption'] as const).map((name) => ({
    name,
    label: t(`statistics.medians.${name}`),
    value: medians[name].days ?? 0,
    valueText: daysText(medians[name]),
    measured: t('statistics.medians.measured', {
      count: medians[name].count,
      n: days.format(medians[name].count),
    }),
  }));
  const reading =
    medians.toFirstProposal.days === null
      ? t('statistics.medians.readingNone')
      : t('statistics.medians.reading', {
          first: daysText(medians.toFirstProposal),
          delivery: daysText(medians.toDelivery),
          adoption: daysText(medians.toAdoption),
        });
  return { chart: barChart(rows), rows, reading };
}

import type { Organization } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { dayInMexico, formatCentavos } from '../lib/index.ts';
import type { OrganizationPageSection } from '../organizations/index.ts';
import { funnelView } from './chart-view.ts';
import { statisticsUrl } from './filters.ts';
import { mapView } from './map-view.ts';
import { moneyColumns, pledgesOfOffice, type MoneyRow } from './money-queries.ts';
import { numberFormat } from './page-view.ts';
import { byStateInOrder, funnelOf } from './service.ts';
import { stagesByState } from './stage-queries.ts';

/** Of the pledges the office marked fulfilled, the share the receivers confirmed; undefined if none. */
export function confirmationRate(pledges: MoneyRow): number | undefined {
  return reported(pledges) > 0 ? pledges.confirmed.count / reported(pledges) : undefined;
}

/** Pledges the office reported fulfilled: waiting for the receiver, confirmed or disputed. */
const reported = (pledges: MoneyRow) =>
  pledges.fulfilled.count + pledges.confirmed.count + pledges.disputed.count;

/**
 * An organization's impact on its page: the funnel and the map of its own challenges and, for a
 * government office, its pledges by status and how many of those it fulfilled were confirmed.
 */
export function impactOnOrganizationPage(db: Db): OrganizationPageSection {
  return {
    name: 'impact',
    load: async (organization: Organization, { t, language }) => {
      const [states, pledges] = await Promise.all([
        stagesByState(db, { organizationId: organization.id }),
        organization.kind === 'government'
          ? pledgesOfOffice(db, organization.id, dayInMexico(new Date()))
          : undefined,
      ]);
      const format = numberFormat(language);
      const byState = byStateInOrder(states);
      const map = mapView(t, format, byState, { map: 'published', params: {} });
      const rate = pledges ? confirmationRate(pledges) : undefined;
      return {
        map: { ...map, rows: map.rows.filter((_, index) => byState[index]!.published > 0) },
        funnel: funnelView(t, format, funnelOf(byState)),
        pledges: pledges && {
          rows: moneyColumns.map((column) => ({
            column,
            label: t(`statistics.money.columns.${column}`),
            count: format(pledges[column].count),
            amount: formatCentavos(pledges[column].centavos, language),
          })),
          confirmation:
            rate === undefined
              ? t('statistics.organization.confirmationNone')
              : t('statistics.organization.confirmationRate', {
                  count: reported(pledges),
                  fulfilled: format(reported(pledges)),
                  confirmed: format(pledges.confirmed.count),
                  rate: `${Math.round(rate * 100)} %`,
                }),
        },
        moreUrl: statisticsUrl({ organizacion: organization.slug }),
      };
    },
  };
}

import type { Db } from '../db/index.ts';
import { dayInMexico } from '../lib/index.ts';
import type { OrganizationPageSection } from '../organizations/index.ts';
import { ledgerPageRows, ledgerTotals } from './ledger.ts';
import { officeRefusal } from './permissions.ts';

/** Pledges an office's page shows; the public ledger, in pages, has them all. */
export const OFFICE_PLEDGES_SHOWN = 10;

/** A government office's page lists its newest pledges, and says when it cannot sponsor yet. */
export function pledgesOnOrganizationPage(db: Db): OrganizationPageSection {
  return {
    name: 'sponsorships',
    load: async (organization) => {
      if (organization.kind !== 'government') return { government: false };
      const filters = { oficina: organization.slug };
      const today = dayInMexico(new Date());
      const [rows, totals] = await Promise.all([
        ledgerPageRows(db, filters, { limit: OFFICE_PLEDGES_SHOWN, offset: 0 }, today),
        ledgerTotals(db, filters, today),
      ]);
      return {
        government: true,
        rows,
        total: totals.overall.count,
        // The sponsorship rule itself decides, so the note cannot drift from what is enforced.
        unverified: officeRefusal(organization) === 'notVerified',
      };
    },
  };
}

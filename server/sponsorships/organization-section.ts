import type { Db } from '../db/index.ts';
import type { OrganizationPageSection } from '../organizations/index.ts';
import { ledgerRows } from './ledger.ts';
import { officeRefusal } from './permissions.ts';

/** A government office's page lists its pledges, and says when it cannot sponsor yet. */
export function pledgesOnOrganizationPage(db: Db): OrganizationPageSection {
  return {
    name: 'sponsorships',
    load: async (organization) => {
      if (organization.kind !== 'government') return { government: false };
      return {
        government: true,
        rows: await ledgerRows(db, { oficina: organization.slug }),
        // The sponsorship rule itself decides, so the note cannot drift from what is enforced.
        unverified: officeRefusal(organization) === 'notVerified',
      };
    },
  };
}

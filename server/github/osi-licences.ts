import spdxLicenses from 'spdx-license-list';

// The SPDX licence list flags the licences the Open Source Initiative has approved; it also keeps
// the deprecated short ids GitHub still reports for some of them (GPL-3.0 for GPL-3.0-only, …).
const osiApproved = Object.entries(spdxLicenses)
  .filter(([, licence]) => licence.osiApproved)
  .map(([id]) => id)
  .sort();

// SPDX identifiers are matched case-insensitively (SPDX specification, annex on identifiers).
const approved = new Set<string>(osiApproved.map((id) => id.toLowerCase()));

/** Whether an SPDX identifier names an OSI-approved licence. */
export function isOsiApproved(spdxId: string): boolean {
  return approved.has(spdxId.trim().toLowerCase());
}

export const osiApprovedLicences: readonly string[] = osiApproved;

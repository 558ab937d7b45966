import type { Organization, User } from '../../models/schema/index.ts';
import type { PageSection } from '../http/index.ts';
import type { Language, Translate } from '../i18n/index.ts';
import type { ViewerRole } from './permissions.ts';

/** Who is looking at an organization's page, as the sections other features add need it. */
export interface OrganizationPageViewer {
  user: User | undefined;
  role: ViewerRole;
  /** The page's query string: each paged section reads its own page number from it. */
  query: Record<string, unknown>;
  /** The visitor's language, for sections that word their figures (a chart's reading). */
  language: Language;
  t: Translate;
}

/** A part of /organizaciones/:slug filled in by another feature (its challenges, its pledges). */
export type OrganizationPageSection = PageSection<Organization, OrganizationPageViewer>;

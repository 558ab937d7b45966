import type { Challenge, User } from '../../models/schema/index.ts';
import type { PageSection } from '../http/index.ts';
import type { Translate } from '../i18n/index.ts';

/** Who is looking at a challenge's page, as the sections other features add need it. */
export interface ChallengePageViewer {
  user: User | undefined;
  /** A member of the organization that posted the challenge. */
  isMember: boolean;
  t: Translate;
  /** The page's query string: each paged section reads its own page number from it. */
  query: Record<string, unknown>;
}

/** A part of /retos/:slug filled in by another feature (claims, proposals, questions…). */
export type ChallengePageSection = PageSection<Challenge, ChallengePageViewer>;

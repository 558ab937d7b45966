import { and, asc, count, eq } from 'drizzle-orm';
import {
  challenges,
  proposals,
  users,
  type Challenge,
  type User,
} from '../../models/schema/index.ts';
import type { ChallengePageSection, ChallengePageViewer } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { isVolunteer, personView, publicPersonColumns } from '../people/index.ts';
import { canProposeFor, challengeTakesProposals } from './permissions.ts';
import { leadProposalOn } from './drafting.ts';
import { publicProposalCondition } from './visibility.ts';

/** Proposals a page of the challenge page's list shows. */
export const PROPOSALS_PAGE_SIZE = 20;

/** The challenge page lists its public proposals, a page at a time, and links to propose one. */
export function proposalsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'proposals',
    load: (challenge, viewer) => proposalsSection(db, challenge, viewer),
  };
}

async function proposalsSection(db: Db, challenge: Challenge, pageViewer: ChallengePageViewer) {
  const viewer: User | undefined = pageViewer.user;
  const total = await publicProposalCount(db, challenge.id);
  const window = pageWindow(total, requestedPage(pageViewer.query.propuestas), PROPOSALS_PAGE_SIZE);
  const rows = await publicProposalsOf(db, challenge.id, window);
  const own = viewer ? await leadProposalOn(db, challenge.id, viewer.id) : undefined;
  const open = challengeTakesProposals(challenge);
  const proposeUrl = `/retos/${challenge.slug}/propuestas/nueva`;
  return {
    total,
    pager: pagerLinks(
      `/retos/${challenge.slug}`,
      pageViewer.query,
      'propuestas',
      window,
      'propuestas',
    ),
    proposals: rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      status: row.status,
      submittedAt: row.submittedAt,
      verified: row.repositoryCheck === 'verified',
      lead: personView(row.lead),
    })),
    /** The viewer's own live proposal here, draft included. */
    own,
    canPropose: !own && canProposeFor(viewer, challenge),
    proposeUrl,
    // Who could propose after signing in with GitHub: visitors, and people who came by email.
    githubSignInUrl:
      open && !own && !isVolunteer(viewer)
        ? `/auth/github?volver=${encodeURIComponent(proposeUrl)}`
        : undefined,
    signedInWithoutGithub: Boolean(viewer) && !isVolunteer(viewer),
  };
}

/** How many public proposals a challenge has. */
async function publicProposalCount(db: Db, challengeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(proposals)
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .where(and(eq(proposals.challengeId, challengeId), publicProposalCondition));
  return row?.n ?? 0;
}

/** One page of the public proposals of a challenge with their leads, oldest submission first. */
async function publicProposalsOf(
  db: Db,
  challengeId: string,
  window: { limit: number; offset: number },
) {
  return db
    .select({
      id: proposals.id,
      title: proposals.title,
      summary: proposals.summary,
      status: proposals.status,
      submittedAt: proposals.submittedAt,
      repositoryCheck: proposals.repositoryCheck,
      lead: publicPersonColumns,
    })
    .from(proposals)
    .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
    .leftJoin(users, eq(users.id, proposals.leadId))
    .where(and(eq(proposals.challengeId, challengeId), publicProposalCondition))
    .orderBy(asc(proposals.submittedAt), asc(proposals.createdAt), asc(proposals.id))
    .limit(window.limit)
    .offset(window.offset);
}

import { and, asc, eq } from 'drizzle-orm';
import {
  challenges,
  proposals,
  users,
  type Challenge,
  type User,
} from '../../models/schema/index.ts';
import type { ChallengePageSection } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { isVolunteer, personView, publicPersonColumns } from '../people/index.ts';
import { canProposeFor, challengeTakesProposals } from './permissions.ts';
import { leadProposalOn } from './drafting.ts';
import { publicProposalCondition } from './visibility.ts';

/** The challenge page lists its public proposals and links to propose one. */
export function proposalsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'proposals',
    load: (challenge, viewer) => proposalsSection(db, challenge, viewer.user),
  };
}

async function proposalsSection(db: Db, challenge: Challenge, viewer: User | undefined) {
  const rows = await publicProposalsOf(db, challenge.id);
  const own = viewer ? await leadProposalOn(db, challenge.id, viewer.id) : undefined;
  const open = challengeTakesProposals(challenge);
  const proposeUrl = `/retos/${challenge.slug}/propuestas/nueva`;
  return {
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

/** The public proposals of a challenge with their leads, oldest submission first. */
export async function publicProposalsOf(db: Db, challengeId: string) {
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
    .orderBy(asc(proposals.submittedAt), asc(proposals.createdAt), asc(proposals.id));
}

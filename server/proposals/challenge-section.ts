import { and, asc, eq, isNotNull, isNull, ne, or } from 'drizzle-orm';
import { proposals, users, type Challenge } from '../../models/schema/index.ts';
import { isVolunteer, publicPersonColumns } from '../people/index.ts';
import type { Db } from '../db/index.ts';
import { canProposeFor, challengeTakesProposals } from './permissions.ts';
import { leadProposalOn } from './service.ts';

/** What the challenge page shows about proposals (the list, the link to propose). */
export async function challengeProposalsSection(
  db: Db,
  challenge: Challenge,
  viewerId: string | undefined,
) {
  const [rows, viewer] = await Promise.all([
    publicProposalsOf(db, challenge.id),
    viewerId
      ? db
          .select()
          .from(users)
          .where(and(eq(users.id, viewerId), isNull(users.deletedAt)))
          .then((found) => found[0])
      : undefined,
  ]);
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
      // displayName's rules without a translator; a deleted account shows as such in the view.
      leadName:
        row.lead && !row.lead.deletedAt
          ? row.lead.name ||
            row.lead.githubName ||
            (row.lead.githubLogin ? `@${row.lead.githubLogin}` : null)
          : null,
      leadLogin: row.lead && !row.lead.deletedAt ? row.lead.githubLogin : null,
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
    .leftJoin(users, eq(users.id, proposals.leadId))
    .where(
      and(
        eq(proposals.challengeId, challengeId),
        ne(proposals.status, 'draft'),
        // As isPublicProposal: a draft withdrawn before submission stays private.
        or(ne(proposals.status, 'withdrawn'), isNotNull(proposals.submittedAt)),
      ),
    )
    .orderBy(asc(proposals.submittedAt), asc(proposals.createdAt), asc(proposals.id));
}

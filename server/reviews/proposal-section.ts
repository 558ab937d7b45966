import { eq } from 'drizzle-orm';
import { proposalScores } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import {
  formState,
  lifecycleActor,
  transitionRefusal,
  type ProposalPageSection,
} from '../proposals/index.ts';
import { isReviewed, scoringRefusal } from './permissions.ts';
import { activeCriteria } from '../challenges/index.ts';

/**
 * The review panel of the proposal page, for the posting organization: accept or decline, score,
 * the ranking. Team members who also belong to the organization are told why they have none.
 */
export function reviewOnProposalPage(db: Db): ProposalPageSection {
  return {
    name: 'review',
    load: async ({ proposal, challenge, organization, viewer }, { user, form }) => {
      const base = {
        proposalId: proposal.id,
        challengeSlug: challenge.slug,
        organizationName: organization.name,
        ownProposal: viewer.isChallengeMember && viewer.isTeamMember,
      };
      if (!viewer.isChallengeMember) return { ...base, panel: null };
      // Who scored the proposal is the organization's business only.
      const reviewers = await db
        .selectDistinct({ reviewerId: proposalScores.reviewerId })
        .from(proposalScores)
        .where(eq(proposalScores.proposalId, proposal.id));
      const criteriaCount = (await activeCriteria(db, challenge.id)).length;
      const signedIn = Boolean(user);
      return {
        ...base,
        panel: {
          canDecide:
            signedIn && !transitionRefusal('accept', proposal.status, lifecycleActor(viewer)),
          canScore: signedIn && !scoringRefusal(viewer, proposal.status, criteriaCount),
          scoredByViewer: reviewers.some((row) => row.reviewerId === viewer.userId),
          reviewers: reviewers.length,
          inRanking: isReviewed(proposal.status),
          decline: formState(form, 'decline'),
        },
      };
    },
  };
}

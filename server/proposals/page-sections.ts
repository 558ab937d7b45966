import { eq } from 'drizzle-orm';
import {
  challenges,
  organizations,
  proposalScores,
  type Proposal,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import {
  deliveredSolutions,
  endorsableStatuses,
  endorsementsOf,
  endorsementStanding,
} from './endorsements.ts';
import { reviewedStatuses, scoringRefusal } from './review-service.ts';
import { scoringCriteria } from './scoring.ts';
import { refusalFor } from './status-change.ts';
import { proposalViewer, type ProposalTarget } from './team-queries.ts';
import { MAX_ENDORSEMENT, latestToday } from './tracking-forms.ts';
import {
  adoptionRefusal,
  adoptionsOf,
  progressRefusal,
  progressTimeline,
} from './tracking-service.ts';

/** A form of the tracking section shown again with what was typed and what is wrong. */
export interface TrackingForm {
  name: 'decline' | 'progress' | 'adoption' | 'endorsement';
  values: Record<string, string>;
  errors: Record<string, string>;
}

type PersonColumns = Pick<User, 'name' | 'githubName' | 'githubLogin' | 'deletedAt'> & {
  id: string | null;
};

/** How a person is named on the page; the view translates "deleted" and "unnamed". */
function person(row: PersonColumns | null) {
  if (!row?.id || row.deletedAt) return { deleted: true, name: null };
  return {
    deleted: false,
    name: row.name || row.githubName || (row.githubLogin ? `@${row.githubLogin}` : null),
  };
}

function formState(form: TrackingForm | undefined, name: TrackingForm['name']) {
  // No errors is undefined, not {}: Handlebars counts an empty object as true.
  return form?.name === name
    ? { values: form.values, errors: Object.keys(form.errors).length ? form.errors : undefined }
    : { values: {}, errors: undefined };
}

const has = (list: readonly string[], status: string) => list.includes(status);

/** Review, scores, progress, delivery, adoption and endorsements, for the proposal page. */
export async function proposalTrackingSections(
  db: Db,
  proposal: Proposal,
  viewerId: string | undefined,
  form?: TrackingForm,
) {
  const [found] = await db
    .select({ challenge: challenges, organization: organizations })
    .from(challenges)
    .innerJoin(organizations, eq(organizations.id, challenges.organizationId))
    .where(eq(challenges.id, proposal.challengeId));
  const target: ProposalTarget = { proposal, ...found! };
  const { challenge } = target;
  const viewer = await proposalViewer(db, target, viewerId);
  const status = proposal.status;

  const [updates, adoptionRows, endorsementRows, standing, reviewers] = await Promise.all([
    progressTimeline(db, proposal.id),
    adoptionsOf(db, proposal.id),
    endorsementsOf(db, [proposal.id]),
    viewerId ? endorsementStanding(db, target, viewer) : undefined,
    // Who scored the proposal is the organization's business only.
    viewer.isChallengeMember
      ? db
          .selectDistinct({ reviewerId: proposalScores.reviewerId })
          .from(proposalScores)
          .where(eq(proposalScores.proposalId, proposal.id))
      : [],
  ]);

  const signedIn = Boolean(viewerId);
  const adoptedBy = adoptionRows.map((row) => row.organization.id);
  const delivered = has(endorsableStatuses, status);
  const criteriaCount = scoringCriteria(challenge.criteria).length;
  const canPostProgress = signedIn && !progressRefusal(viewer, status);
  return {
    proposalId: proposal.id,
    status,
    challengeSlug: challenge.slug,
    organizationName: target.organization.name,
    acceptedAt: proposal.acceptedAt,
    deliveredAt: proposal.deliveredAt,
    declineReason: status === 'declined' ? proposal.declineReason : null,
    /** On the team and in the posting organization: told why the review buttons are missing. */
    ownProposal: viewer.isChallengeMember && viewer.isTeamMember,
    review: viewer.isChallengeMember
      ? {
          canDecide: signedIn && !refusalFor(viewer, target, 'accept'),
          canScore: signedIn && !scoringRefusal(viewer, status, criteriaCount),
          scoredByViewer: reviewers.some((row) => row.reviewerId === viewerId),
          reviewers: reviewers.length,
          inRanking: has(reviewedStatuses, status),
        }
      : null,
    canStart: signedIn && !refusalFor(viewer, target, 'start'),
    canConfirmDelivery: signedIn && !refusalFor(viewer, target, 'confirmDelivery'),
    progress: {
      show: updates.length > 0 || canPostProgress,
      updates: updates.map((update) => ({ ...update, author: person(update.author) })),
      canPost: canPostProgress,
    },
    adoptions: {
      show: delivered || adoptionRows.length > 0,
      list: adoptionRows,
      canRecord: signedIn && !adoptionRefusal(viewer, status, adoptedBy),
      choices: viewer.organizations.filter((org) => !adoptedBy.includes(org.id)),
      today: latestToday(),
    },
    endorsements: {
      show: delivered || endorsementRows.length > 0,
      list: endorsementRows.map((row) => ({ ...row, person: person(row.person) })),
      canEndorse: Boolean(standing && !standing.refusal),
      choices: standing?.organizations ?? [],
      chooseOrganization: (standing?.organizations.length ?? 0) > 1,
      alreadyEndorsed: standing?.alreadyEndorsed ?? false,
      // A signed-in person who may not endorse a delivered solution is told why.
      notice: delivered && standing?.refusal ? standing.refusal : null,
      max: MAX_ENDORSEMENT,
    },
    forms: {
      decline: formState(form, 'decline'),
      progress: formState(form, 'progress'),
      adoption: formState(form, 'adoption'),
      endorsement: formState(form, 'endorsement'),
    },
  };
}

export type ProposalTrackingSection = Awaited<ReturnType<typeof proposalTrackingSections>>;

/** Endorsements of the challenge's delivered solutions, for the challenge page. */
export async function challengeEndorsementsSection(db: Db, challengeId: string) {
  const solutions = await deliveredSolutions(db, challengeId);
  const rows = await endorsementsOf(
    db,
    solutions.map((solution) => solution.id),
  );
  return {
    solutions: solutions.map((solution) => ({
      ...solution,
      endorsements: rows
        .filter((row) => row.proposalId === solution.id)
        .map((row) => ({ ...row, person: person(row.person) })),
    })),
  };
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  endorsements,
  organizations,
  proposals,
  users,
  type ProposalStatus,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { publicPersonColumns } from '../people/index.ts';
import {
  findProposalTarget,
  lockProposal,
  proposalViewer,
  type ProposalTarget,
  type ProposalViewer,
} from '../proposals/index.ts';
import { adoptionsOf } from './adoptions.ts';
import type { EndorsementInput } from './forms.ts';

// The community that had the problem validates the solution in its own words: the people of
// the organization that posted the challenge and of every organization that adopted it.

export const endorsableStatuses = [
  'delivered',
  'adopted',
] as const satisfies readonly ProposalStatus[];

const isEndorsable = (status: ProposalStatus) =>
  (endorsableStatuses as readonly ProposalStatus[]).includes(status);

export interface EndorsementStanding {
  /** The viewer's organizations that may speak for the solution: posting and adopting ones. */
  organizations: { id: string; name: string }[];
  alreadyEndorsed: boolean;
  /** Why the viewer may not endorse, as a translation key; undefined when they may. */
  refusal: string | undefined;
}

/** Whether the viewer may endorse the proposal, and for which of their organizations. */
export async function endorsementStanding(
  db: Pick<Db, 'select'>,
  target: Pick<ProposalTarget, 'proposal' | 'challenge'>,
  viewer: ProposalViewer,
): Promise<EndorsementStanding> {
  const adopters = (await adoptionsOf(db, target.proposal.id)).map((row) => row.organization.id);
  const voices = new Set([target.challenge.organizationId, ...adopters]);
  const eligible = viewer.organizations
    .filter((org) => voices.has(org.id))
    // The posting organization first: it had the problem.
    .sort(
      (a, b) =>
        Number(b.id === target.challenge.organizationId) -
        Number(a.id === target.challenge.organizationId),
    )
    .map((org) => ({ id: org.id, name: org.name }));
  const [existing] = viewer.userId
    ? await db
        .select({ id: endorsements.id })
        .from(endorsements)
        .where(
          and(
            eq(endorsements.proposalId, target.proposal.id),
            eq(endorsements.userId, viewer.userId),
          ),
        )
    : [];
  let refusal: string | undefined;
  if (viewer.isTeamMember) refusal = 'tracking.refusals.ownSolution';
  else if (eligible.length === 0) refusal = 'tracking.refusals.endorseNotMember';
  else if (!isEndorsable(target.proposal.status)) refusal = 'tracking.refusals.endorseTooEarly';
  else if (existing) refusal = 'tracking.refusals.alreadyEndorsed';
  return { organizations: eligible, alreadyEndorsed: Boolean(existing), refusal };
}

/** Which organization the endorsement speaks for: the one chosen, or the only one there is. */
export function endorsingOrganization(
  standing: EndorsementStanding,
  chosen: string,
): string | undefined {
  if (chosen) return standing.organizations.find((org) => org.id === chosen)?.id;
  return standing.organizations.length === 1 ? standing.organizations[0]!.id : undefined;
}

/** Records the endorsement, once per person, after delivery, with its audit event. */
export async function endorseProposal(
  db: Db,
  actor: User,
  proposalId: string,
  input: EndorsementInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProposal(tx, proposalId);
    const target = (await findProposalTarget(tx, proposalId))!;
    const standing = await endorsementStanding(
      tx,
      target,
      await proposalViewer(tx, target, actor.id),
    );
    if (standing.refusal) throw new ForbiddenError(standing.refusal);
    if (input.organizationId && !endorsingOrganization(standing, input.organizationId)) {
      throw new ForbiddenError('tracking.refusals.endorseNotMember');
    }
    const organizationId = endorsingOrganization(standing, input.organizationId);
    if (!organizationId) {
      throw new ValidationError({ organizationId: 'tracking.errors.organizationRequired' });
    }
    const [endorsement] = await tx
      .insert(endorsements)
      .values({ proposalId, organizationId, userId: actor.id, statement: input.statement })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'proposal.endorsement',
      subjectType: 'proposal',
      subjectId: proposalId,
      organizationId,
      after: { endorsementId: endorsement!.id, organizationId, statement: input.statement },
    });
  });
}

const endorsementColumns = {
  id: endorsements.id,
  proposalId: endorsements.proposalId,
  statement: endorsements.statement,
  createdAt: endorsements.createdAt,
  organization: { name: organizations.name, slug: organizations.slug },
  person: publicPersonColumns,
};

/** The endorsements of these proposals, oldest first. */
export async function endorsementsOf(db: Db, proposalIds: readonly string[]) {
  if (proposalIds.length === 0) return [];
  return db
    .select(endorsementColumns)
    .from(endorsements)
    .innerJoin(organizations, eq(organizations.id, endorsements.organizationId))
    .leftJoin(users, eq(users.id, endorsements.userId))
    .where(inArray(endorsements.proposalId, [...proposalIds]))
    .orderBy(asc(endorsements.createdAt), asc(endorsements.id));
}

/** The challenge's delivered or adopted solutions, in the order they were delivered. */
export async function deliveredSolutions(db: Db, challengeId: string) {
  return db
    .select({ id: proposals.id, title: proposals.title, status: proposals.status })
    .from(proposals)
    .where(
      and(eq(proposals.challengeId, challengeId), inArray(proposals.status, endorsableStatuses)),
    )
    .orderBy(asc(proposals.deliveredAt), asc(proposals.id));
}

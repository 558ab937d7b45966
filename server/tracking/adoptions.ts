import { asc, eq } from 'drizzle-orm';
import {
  adoptions,
  organizations,
  type ProposalStatus,
  type User,
} from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { ForbiddenError } from '../errors.ts';
import {
  applyProposalTransition,
  findProposalTarget,
  lockProposal,
  proposalViewer,
  type ProposalViewer,
} from '../proposals/index.ts';
import type { AdoptionInput } from './forms.ts';
import { queueAdoptionEmails } from './notify.ts';

/** A solution can be adopted once delivered, by one organization after another. */
export const adoptableStatuses = [
  'delivered',
  'adopted',
] as const satisfies readonly ProposalStatus[];

/** Which organizations put the solution to use, earliest first. */
export async function adoptionsOf(db: Pick<Db, 'select'>, proposalId: string) {
  return db
    .select({
      id: adoptions.id,
      since: adoptions.since,
      evidenceUrl: adoptions.evidenceUrl,
      createdAt: adoptions.createdAt,
      organization: {
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        verifiedAt: organizations.verifiedAt,
      },
    })
    .from(adoptions)
    .innerJoin(organizations, eq(organizations.id, adoptions.organizationId))
    .where(eq(adoptions.proposalId, proposalId))
    .orderBy(asc(adoptions.since), asc(adoptions.createdAt));
}

/**
 * Why the viewer may not record an adoption for this organization (or for any of theirs, with
 * no organization given); undefined when they may.
 */
export function adoptionRefusal(
  viewer: Pick<ProposalViewer, 'organizations'>,
  status: ProposalStatus,
  adoptedBy: readonly string[],
  organizationId?: string,
): string | undefined {
  if (viewer.organizations.length === 0) return 'tracking.refusals.adoptionNoOrganization';
  if (!(adoptableStatuses as readonly ProposalStatus[]).includes(status)) {
    return 'tracking.refusals.adoptionTooEarly';
  }
  if (organizationId === undefined) {
    return viewer.organizations.some((org) => !adoptedBy.includes(org.id))
      ? undefined
      : 'tracking.refusals.alreadyAdopted';
  }
  if (!viewer.organizations.some((org) => org.id === organizationId))
    return 'tracking.refusals.adoptionNotMember';
  if (adoptedBy.includes(organizationId)) return 'tracking.refusals.alreadyAdopted';
  return undefined;
}

/**
 * A member records that their organization uses the delivered solution. The first adoption
 * moves the proposal delivered → adopted; later ones by other organizations are added to it.
 */
export async function recordAdoption(
  db: Db,
  actor: User,
  proposalId: string,
  input: AdoptionInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockProposal(tx, proposalId);
    const target = (await findProposalTarget(tx, proposalId))!;
    const viewer = await proposalViewer(tx, target, actor.id);
    const adoptedBy = (await adoptionsOf(tx, proposalId)).map((row) => row.organization.id);
    const refusal = adoptionRefusal(viewer, current.status, adoptedBy, input.organizationId);
    if (refusal) throw new ForbiddenError(refusal);
    if (current.status === 'delivered') {
      await applyProposalTransition(tx, actor.id, proposalId, 'adopt', {
        adoptingOrganizationId: input.organizationId,
      });
    }
    const [adoption] = await tx
      .insert(adoptions)
      .values({
        proposalId,
        organizationId: input.organizationId,
        since: input.since,
        evidenceUrl: input.evidenceUrl,
        recordedById: actor.id,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'proposal.adoption',
      subjectType: 'proposal',
      subjectId: proposalId,
      organizationId: input.organizationId,
      after: {
        adoptionId: adoption!.id,
        organizationId: input.organizationId,
        since: input.since,
        evidenceUrl: input.evidenceUrl,
      },
    });
    const adopter = viewer.organizations.find((org) => org.id === input.organizationId)!;
    await queueAdoptionEmails(tx, target, adopter.name, actor.id);
  });
}

import type { Db } from '../db/index.ts';
import { personView } from '../people/index.ts';
import {
  formState,
  lifecycleActor,
  transitionRefusal,
  type ProposalPageSection,
} from '../proposals/index.ts';
import { adoptionRefusal, adoptionsOf } from './adoptions.ts';
import { endorsableStatuses, endorsementsOf, endorsementStanding } from './endorsements.ts';
import { latestToday, MAX_ENDORSEMENT } from './forms.ts';
import { progressRefusal, progressTimeline } from './progress.ts';

const delivered = (status: string) => (endorsableStatuses as readonly string[]).includes(status);

/**
 * The tracking of the proposal page: where the proposal stands, starting work, confirming
 * delivery, progress, adoptions and endorsements, each with its form when the viewer may use it.
 */
export function trackingOnProposalPage(db: Db): ProposalPageSection {
  return {
    name: 'tracking',
    load: async (loaded, { user, form }) => {
      const { proposal, organization, viewer } = loaded;
      const { status } = proposal;
      const signedIn = Boolean(user);
      const [updates, adoptionRows, endorsementRows, standing] = await Promise.all([
        progressTimeline(db, proposal.id),
        adoptionsOf(db, proposal.id),
        endorsementsOf(db, [proposal.id]),
        signedIn ? endorsementStanding(db, loaded, viewer) : undefined,
      ]);
      const adoptedBy = adoptionRows.map((row) => row.organization.id);
      const actor = lifecycleActor(viewer);
      const canPostProgress = signedIn && !progressRefusal(viewer, status);
      return {
        proposalId: proposal.id,
        status,
        organizationName: organization.name,
        acceptedAt: proposal.acceptedAt,
        deliveredAt: proposal.deliveredAt,
        declineReason: status === 'declined' ? proposal.declineReason : null,
        canStart: signedIn && !transitionRefusal('start', status, actor),
        canConfirmDelivery: signedIn && !transitionRefusal('confirmDelivery', status, actor),
        progress: {
          show: updates.length > 0 || canPostProgress,
          updates: updates.map((update) => ({ ...update, author: personView(update.author) })),
          canPost: canPostProgress,
          form: formState(form, 'progress'),
        },
        adoptions: {
          show: delivered(status) || adoptionRows.length > 0,
          list: adoptionRows,
          canRecord: signedIn && !adoptionRefusal(viewer, status, adoptedBy),
          choices: viewer.organizations.filter((org) => !adoptedBy.includes(org.id)),
          today: latestToday(),
          form: formState(form, 'adoption'),
        },
        endorsements: {
          show: delivered(status) || endorsementRows.length > 0,
          list: endorsementRows.map((row) => ({ ...row, person: personView(row.person) })),
          canEndorse: Boolean(standing && !standing.refusal),
          choices: standing?.organizations ?? [],
          chooseOrganization: (standing?.organizations.length ?? 0) > 1,
          alreadyEndorsed: standing?.alreadyEndorsed ?? false,
          // A signed-in person who may not endorse a delivered solution is told why.
          notice: delivered(status) && standing?.refusal ? standing.refusal : null,
          max: MAX_ENDORSEMENT,
          form: formState(form, 'endorsement'),
        },
      };
    },
  };
}

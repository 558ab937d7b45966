import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
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
import { progressCount, progressRefusal, progressTimeline } from './progress.ts';

/** Progress updates a page of the proposal's timeline shows. */
export const PROGRESS_PAGE_SIZE = 10;

const delivered = (status: string) => (endorsableStatuses as readonly string[]).includes(status);

/**
 * The tracking of the proposal page: where the proposal stands, starting work, confirming
 * delivery, progress, adoptions and endorsements, each with its form when the viewer may use it.
 */
export function trackingOnProposalPage(db: Db): ProposalPageSection {
  return {
    name: 'tracking',
    load: async (loaded, { user, form, query }) => {
      const { proposal, organization, viewer } = loaded;
      const { status } = proposal;
      const signedIn = Boolean(user);
      const total = await progressCount(db, proposal.id);
      const window = pageWindow(total, requestedPage(query.avances), PROGRESS_PAGE_SIZE);
      const [updates, adoptionRows, endorsementRows, standing] = await Promise.all([
        progressTimeline(db, proposal.id, window),
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
          show: total > 0 || canPostProgress,
          total,
          // The timeline counts down from the newest update, across pages.
          start: total - window.offset,
          pager: pagerLinks(`/propuestas/${proposal.id}`, query, 'avances', window, 'avances'),
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

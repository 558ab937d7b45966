import type { ProgressUpdate } from '../../models/schema/index.ts';
import type { Tx } from '../db/index.ts';
import { notifyUsers, organizationMemberIds, watcherIds } from '../notifications/index.ts';
import { aboutProposal, teamMemberIds, type ProposalTarget } from '../proposals/index.ts';

/** The team and the posting organization hear that an organization uses the solution. */
export async function queueAdoptionEmails(
  tx: Tx,
  target: ProposalTarget,
  adopter: string,
  actorId: string,
): Promise<void> {
  const people = [
    ...(await teamMemberIds(tx, target.proposal)),
    ...(await organizationMemberIds(tx, target.challenge.organizationId)),
  ];
  await notifyUsers(tx, people, actorId, {
    kind: 'adoption',
    template: 'adoption-recorded',
    data: { ...aboutProposal(target, target.proposal), adopter },
  });
}

/** Whoever watches the challenge hears of a team's progress (the team itself does not). */
export async function queueProgressEmails(
  tx: Tx,
  target: ProposalTarget,
  update: ProgressUpdate,
): Promise<void> {
  const team = new Set(await teamMemberIds(tx, target.proposal));
  const watchers = (await watcherIds(tx, target.challenge.id)).filter((id) => !team.has(id));
  await notifyUsers(tx, watchers, update.authorId, {
    kind: 'challenge_progress',
    template: 'challenge-progress',
    data: {
      ...aboutProposal(target, target.proposal),
      excerpt: update.body.length > 300 ? `${update.body.slice(0, 297)}…` : update.body,
      milestone: update.milestone,
    },
  });
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposalStatuses, type ProposalStatus } from '../../../../models/schema/index.ts';
import { isReviewed, scoringRefusal } from '../../../../server/reviews/permissions.ts';

// Who may score: members of the posting organization, never on their own team's proposal.
const people = {
  signedOut: { isChallengeMember: false, isTeamMember: false },
  outsider: { isChallengeMember: false, isTeamMember: false },
  volunteer: { isChallengeMember: false, isTeamMember: false },
  teamMember: { isChallengeMember: false, isTeamMember: true },
  otherOrganizationMember: { isChallengeMember: false, isTeamMember: false },
  moderator: { isChallengeMember: false, isTeamMember: false },
  member: { isChallengeMember: true, isTeamMember: false },
  organizationOwner: { isChallengeMember: true, isTeamMember: false },
  memberOnTheTeam: { isChallengeMember: true, isTeamMember: true },
} as const;

const reviewed: ProposalStatus[] = [
  'submitted',
  'accepted',
  'declined',
  'in_progress',
  'delivered',
  'adopted',
];

describe('who may score a proposal', () => {
  it('counts as reviewed exactly what was sent and not taken back', () => {
    for (const status of proposalStatuses) {
      assert.equal(isReviewed(status), reviewed.includes(status), status);
    }
  });

  it('lets members of the posting organization score, with the reason for everyone else', () => {
    for (const [person, viewer] of Object.entries(people)) {
      for (const status of proposalStatuses) {
        const expected = !viewer.isChallengeMember
          ? 'review.refusals.notReviewer'
          : viewer.isTeamMember
            ? 'review.refusals.ownProposal'
            : reviewed.includes(status)
              ? undefined
              : 'review.refusals.notScorable';
        assert.equal(scoringRefusal(viewer, status, 2), expected, `${person}, ${status}`);
      }
    }
  });

  it('refuses scoring while the challenge has no criteria', () => {
    assert.equal(scoringRefusal(people.member, 'submitted', 0), 'review.refusals.noCriteria');
    assert.equal(scoringRefusal(people.member, 'submitted', 1), undefined);
    assert.equal(scoringRefusal(people.outsider, 'submitted', 0), 'review.refusals.notReviewer');
  });
});

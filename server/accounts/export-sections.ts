// The download's sections: which table each lists, the secrets it leaves out, and the context
// (challenge, proposal, organization) joined so a person understands each row.

/** Context joined to a row so a person understands it: the challenge, proposal or organization. */
export type Related = 'challenge' | 'proposal' | 'question' | 'organization';

export interface ExportSection {
  /** Stable English key of the download. */
  name: string;
  table: string;
  /** Columns never shown: hashes of one-time tokens and session secrets. */
  omit?: string[];
  /** Shown only when the row is not marked secret (its data holds a one-time link). */
  omitWhenSecret?: string[];
  related?: Related[];
  orderBy?: string;
}

/** The download's sections built from rows (the account and GitHub sections come from users). */
export const exportSections: readonly ExportSection[] = [
  { name: 'organizations', table: 'memberships', related: ['organization'] },
  {
    name: 'organizationInvitations',
    table: 'organization_invitations',
    omit: ['token_hash'],
    related: ['organization'],
  },
  { name: 'challengesWritten', table: 'challenges', omit: ['search'], related: ['organization'] },
  { name: 'questions', table: 'challenge_questions', related: ['challenge'] },
  { name: 'answers', table: 'question_answers', related: ['question'] },
  { name: 'follows', table: 'watches', related: ['challenge'] },
  { name: 'claims', table: 'claims', related: ['challenge'] },
  { name: 'claimsReleased', table: 'claims', related: ['challenge'] },
  { name: 'proposalsLed', table: 'proposals', related: ['challenge'] },
  {
    name: 'teamMemberships',
    table: 'proposal_members',
    related: ['proposal'],
    orderBy: 'invited_at',
  },
  { name: 'progressPosts', table: 'progress_updates', related: ['proposal'] },
  // The whole row, so the criterion shows whatever its column is called.
  { name: 'scoresGiven', table: 'proposal_scores', related: ['proposal'] },
  { name: 'endorsements', table: 'endorsements', related: ['proposal', 'organization'] },
  { name: 'adoptionsRecorded', table: 'adoptions', related: ['proposal', 'organization'] },
  {
    name: 'sponsorshipsCreated',
    table: 'sponsorships',
    related: ['challenge', 'organization'],
  },
  { name: 'pledgeVersions', table: 'sponsorship_versions' },
  { name: 'pledgeFulfilments', table: 'sponsorship_fulfilments' },
  { name: 'pledgeResponses', table: 'sponsorship_responses', related: ['organization'] },
  { name: 'notificationChoices', table: 'notification_preferences', orderBy: 'kind' },
  { name: 'emailsToYou', table: 'outbox', omitWhenSecret: ['data'] },
  { name: 'signInLinks', table: 'login_tokens', omit: ['token_hash'] },
  { name: 'signInAttemptCounters', table: 'rate_limits', orderBy: 'reset_at' },
  { name: 'sessions', table: 'sessions', omit: ['sid', 'data'], orderBy: 'expires_at' },
  { name: 'auditEvents', table: 'audit_events', related: ['organization'] },
];

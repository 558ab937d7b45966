// Every column that refers to a person, hand-listed: how the download shows it and what deleting
// the account does to it. A column missing here is neither exported nor erased, and the schema
// test fails, so a new column that refers to people has to be decided here first.

/** What the column holds about a person. */
export type Holds = 'user-id' | 'email' | 'personal-text';

/**
 * How the column picks out the person's rows: equal to their id, equal to one of their addresses,
 * containing their id or an address (JSON or text), a session signed in as them, or not at all
 * (personal text that travels with rows picked out by another column of the table).
 */
export type Match = 'id' | 'email' | 'contains' | 'session-user' | 'none';

export type Deletion =
  | { action: 'delete-row' }
  | { action: 'set-null' }
  | { action: 'anonymise'; how: string }
  | { action: 'keep'; reason: string };

export interface PersonalColumn {
  table: string;
  column: string;
  holds: Holds;
  match: Match;
  /** The section of the download that holds the column's rows. */
  section: string;
  deletion: Deletion;
}

const keep = (reason: string): Deletion => ({ action: 'keep', reason });
const anonymise = (how: string): Deletion => ({ action: 'anonymise', how });
const deleteRow: Deletion = { action: 'delete-row' };
const setNull: Deletion = { action: 'set-null' };

const AUTHORED = 'written for others, it stays, shown as "cuenta eliminada" (the emptied user row)';

/** A column naming who wrote something public for others: the row stays when they leave. */
const authored = (
  table: string,
  column: string,
  section: string,
  what: string,
): PersonalColumn => ({
  table,
  column,
  holds: 'user-id',
  match: 'id',
  section,
  deletion: keep(`${what}; ${AUTHORED}`),
});

const account = (column: string, section: 'account' | 'github'): PersonalColumn => ({
  table: 'users',
  column,
  holds: 'personal-text',
  match: 'none',
  section,
  deletion: anonymise('emptied: null, empty text or empty list'),
});

export const personalDataMap: readonly PersonalColumn[] = [
  account('name', 'account'),
  account('email', 'account'),
  account('contact_email', 'account'),
  account('bio', 'account'),
  account('skills', 'account'),
  account('last_sign_in_at', 'account'),
  account('github_id', 'github'),
  account('github_login', 'github'),
  account('github_name', 'github'),
  account('github_profile_url', 'github'),
  account('avatar_url', 'github'),
  {
    table: 'sessions',
    column: 'data',
    holds: 'personal-text',
    match: 'session-user',
    section: 'sessions',
    deletion: deleteRow,
  },
  {
    table: 'login_tokens',
    column: 'email',
    holds: 'email',
    match: 'email',
    section: 'signInLinks',
    deletion: deleteRow,
  },
  {
    table: 'rate_limits',
    column: 'key',
    holds: 'email',
    match: 'contains',
    section: 'signInAttemptCounters',
    deletion: deleteRow,
  },
  {
    table: 'memberships',
    column: 'user_id',
    holds: 'user-id',
    match: 'id',
    section: 'organizations',
    deletion: deleteRow,
  },
  {
    table: 'organization_invitations',
    column: 'email',
    holds: 'email',
    match: 'email',
    section: 'organizationInvitations',
    deletion: deleteRow,
  },
  {
    table: 'organization_invitations',
    column: 'invited_by_id',
    holds: 'user-id',
    match: 'id',
    section: 'organizationInvitations',
    deletion: setNull,
  },
  {
    table: 'organization_invitations',
    column: 'accepted_by_id',
    holds: 'user-id',
    match: 'id',
    section: 'organizationInvitations',
    deletion: setNull,
  },
  {
    table: 'notification_preferences',
    column: 'user_id',
    holds: 'user-id',
    match: 'id',
    section: 'notificationChoices',
    deletion: deleteRow,
  },
  {
    table: 'watches',
    column: 'user_id',
    holds: 'user-id',
    match: 'id',
    section: 'follows',
    deletion: deleteRow,
  },
  authored(
    'challenges',
    'author_id',
    'challengesWritten',
    'the challenge belongs to its organization',
  ),
  authored('challenge_questions', 'author_id', 'questions', 'a public question others answered'),
  authored('question_answers', 'author_id', 'answers', 'a public answer'),
  authored('proposals', 'lead_id', 'proposalsLed', "the team's proposal and its record"),
  {
    table: 'proposal_members',
    column: 'user_id',
    holds: 'user-id',
    match: 'id',
    section: 'teamMemberships',
    deletion: deleteRow,
  },
  {
    table: 'claims',
    column: 'user_id',
    holds: 'user-id',
    match: 'id',
    section: 'claims',
    deletion: anonymise(
      'active claims are released; the rows stay as the challenge history of "cuenta eliminada"',
    ),
  },
  authored(
    'claims',
    'released_by_id',
    'claimsReleased',
    "an organization's decision on a challenge",
  ),
  authored('progress_updates', 'author_id', 'progressPosts', 'the public record of a proposal'),
  authored(
    'proposal_scores',
    'reviewer_id',
    'scoresGiven',
    "the organization's review of a proposal",
  ),
  authored('endorsements', 'user_id', 'endorsements', "the community's validation of a solution"),
  authored(
    'adoptions',
    'recorded_by_id',
    'adoptionsRecorded',
    "an organization's record of using a solution",
  ),
  authored(
    'sponsorships',
    'created_by_id',
    'sponsorshipsCreated',
    "an organization's public pledge",
  ),
  authored(
    'sponsorship_versions',
    'changed_by_id',
    'pledgeVersions',
    "a version of an organization's public pledge",
  ),
  authored(
    'sponsorship_fulfilments',
    'recorded_by_id',
    'pledgeFulfilments',
    "an office's public record of what it delivered",
  ),
  authored(
    'sponsorship_responses',
    'responded_by_id',
    'pledgeResponses',
    "an organization's public answer to a delivery",
  ),
  {
    table: 'outbox',
    column: 'recipient_id',
    holds: 'user-id',
    match: 'id',
    section: 'emailsToYou',
    deletion: anonymise('unsent ones are deleted; sent, failed and digested ones are emptied'),
  },
  {
    table: 'outbox',
    column: 'to_address',
    holds: 'email',
    match: 'email',
    section: 'emailsToYou',
    deletion: anonymise('emptied on every email to the person'),
  },
  {
    table: 'outbox',
    column: 'data',
    holds: 'personal-text',
    match: 'none',
    section: 'emailsToYou',
    deletion: anonymise('emptied on their emails; their name or address quoted elsewhere is cut'),
  },
  {
    table: 'outbox',
    column: 'last_error',
    holds: 'personal-text',
    match: 'none',
    section: 'emailsToYou',
    deletion: anonymise('a mail server error may quote the address: emptied on their emails'),
  },
  {
    table: 'audit_events',
    column: 'actor_id',
    holds: 'user-id',
    match: 'id',
    section: 'auditEvents',
    deletion: keep('who changed what stays on record, as "cuenta eliminada"'),
  },
  {
    table: 'audit_events',
    column: 'before',
    holds: 'personal-text',
    match: 'contains',
    section: 'auditEvents',
    deletion: anonymise('their name, login and addresses quoted in it are cut'),
  },
  {
    table: 'audit_events',
    column: 'after',
    holds: 'personal-text',
    match: 'contains',
    section: 'auditEvents',
    deletion: anonymise('their name, login and addresses quoted in it are cut'),
  },
];

export const entriesOfSection = (section: string) =>
  personalDataMap.filter((entry) => entry.section === section);

import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { challengeCriteria } from './challenge-criteria.ts';
import { challenges } from './challenges.ts';
import { organizations } from './organizations.ts';
import { proposals } from './proposals.ts';
import { users } from './users.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// A claim ends (rather than lapses or is released) when its challenge is solved or closed.
export const claimStatuses = ['active', 'released', 'expired', 'ended'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
export const claimStatus = pgEnum('claim_status', claimStatuses);

// "I am working on this": public, and released when it goes quiet for too long.
export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: claimStatus('status').notNull().default('active'),
    lastActivityAt: at('last_activity_at').notNull().defaultNow(),
    // When the volunteer was warned that the claim is about to lapse; activity clears it.
    expiryWarnedAt: at('expiry_warned_at'),
    releasedAt: at('released_at'),
    releasedById: uuid('released_by_id').references(() => users.id, { onDelete: 'set null' }),
    releaseReason: text('release_reason'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('claims_one_active_idx')
      .on(table.challengeId, table.userId)
      .where(sql`${table.status} = 'active'`),
    index('claims_activity_idx').on(table.status, table.lastActivityAt),
    index('claims_challenge_idx').on(table.challengeId, table.status),
    index('claims_user_idx').on(table.userId),
    index('claims_released_by_idx').on(table.releasedById),
  ],
);

export const teamRoles = ['lead', 'member'] as const;
export const teamRole = pgEnum('team_role', teamRoles);

// A proposal's team: the lead invites volunteers by GitHub login; they accept.
export const proposalMembers = pgTable(
  'proposal_members',
  {
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: teamRole('role').notNull().default('member'),
    invitedAt: at('invited_at').notNull().defaultNow(),
    acceptedAt: at('accepted_at'),
  },
  (table) => [
    primaryKey({ columns: [table.proposalId, table.userId] }),
    index('proposal_members_user_idx').on(table.userId),
  ],
);

// One reviewer's 1–5 score on one of the challenge's weighted criteria.
export const proposalScores = pgTable(
  'proposal_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => challengeCriteria.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('proposal_scores_unique_idx').on(
      table.proposalId,
      table.reviewerId,
      table.criterionId,
    ),
    index('proposal_scores_criterion_idx').on(table.criterionId),
    index('proposal_scores_reviewer_idx').on(table.reviewerId),
    check('proposal_scores_score_check', sql`${table.score} between 1 and 5`),
  ],
);

export const progressUpdates = pgTable(
  'progress_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    milestone: text('milestone'),
    linkUrl: text('link_url'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('progress_updates_proposal_idx').on(table.proposalId, table.createdAt),
    index('progress_updates_author_idx').on(table.authorId),
  ],
);
export type ProgressUpdate = typeof progressUpdates.$inferSelect;

// Which organization put a delivered solution to use, since when, with what evidence.
export const adoptions = pgTable(
  'adoptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    since: date('since').notNull(),
    evidenceUrl: text('evidence_url'),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('adoptions_unique_idx').on(table.proposalId, table.organizationId),
    index('adoptions_organization_idx').on(table.organizationId),
    index('adoptions_recorded_by_idx').on(table.recordedById),
  ],
);

// The affected community validates a delivered solution in its own words.
export const endorsements = pgTable(
  'endorsements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    statement: text('statement').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('endorsements_unique_idx').on(table.proposalId, table.userId),
    index('endorsements_organization_idx').on(table.organizationId),
    index('endorsements_user_idx').on(table.userId),
  ],
);

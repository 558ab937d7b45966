import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { sponsorshipKind, sponsorships } from './sponsorships.ts';
import { users } from './users.ts';

// Every version of a pledge's promise, the first included, so an amendment never hides the old one.
export const sponsorshipVersions = pgTable(
  'sponsorship_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sponsorshipId: uuid('sponsorship_id')
      .notNull()
      .references(() => sponsorships.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: sponsorshipKind('kind').notNull(),
    amountCentavos: bigint('amount_centavos', { mode: 'number' }),
    description: text('description').notNull().default(''),
    terms: text('terms').notNull().default(''),
    dueOn: date('due_on', { mode: 'string' }),
    // Why the office amended it (empty for the first version).
    note: text('note').notNull().default(''),
    changedById: uuid('changed_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('sponsorship_versions_pledge_version_idx').on(table.sponsorshipId, table.version),
    index('sponsorship_versions_changed_by_idx').on(table.changedById),
    check('sponsorship_versions_version_check', sql`${table.version} >= 1`),
  ],
);

// What the office says it delivered, with a public link anyone can check.
export const sponsorshipFulfilments = pgTable(
  'sponsorship_fulfilments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sponsorshipId: uuid('sponsorship_id')
      .notNull()
      .references(() => sponsorships.id, { onDelete: 'cascade' }),
    delivered: text('delivered').notNull(),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    evidenceUrl: text('evidence_url').notNull(),
    note: text('note').notNull().default(''),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('sponsorship_fulfilments_pledge_idx').on(table.sponsorshipId, table.createdAt),
    index('sponsorship_fulfilments_recorded_by_idx').on(table.recordedById),
    check('sponsorship_fulfilments_evidence_check', sql`${table.evidenceUrl} ~* '^https?://'`),
  ],
);

export const sponsorshipVerdicts = ['confirmed', 'disputed'] as const;
export type SponsorshipVerdict = (typeof sponsorshipVerdicts)[number];
export const sponsorshipVerdict = pgEnum('sponsorship_verdict', sponsorshipVerdicts);

// The receiving organization's answer to a fulfilment: confirmed, or disputed with its reason.
export const sponsorshipResponses = pgTable(
  'sponsorship_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sponsorshipId: uuid('sponsorship_id')
      .notNull()
      .references(() => sponsorships.id, { onDelete: 'cascade' }),
    fulfilmentId: uuid('fulfilment_id')
      .notNull()
      .references(() => sponsorshipFulfilments.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    verdict: sponsorshipVerdict('verdict').notNull(),
    note: text('note').notNull().default(''),
    respondedById: uuid('responded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('sponsorship_responses_pledge_idx').on(table.sponsorshipId, table.createdAt),
    index('sponsorship_responses_fulfilment_idx').on(table.fulfilmentId),
    index('sponsorship_responses_organization_idx').on(table.organizationId),
    index('sponsorship_responses_responded_by_idx').on(table.respondedById),
    // A dispute says why.
    check(
      'sponsorship_responses_note_check',
      sql`${table.verdict} = 'confirmed' or length(trim(${table.note})) > 0`,
    ),
  ],
);

export type SponsorshipVersion = typeof sponsorshipVersions.$inferSelect;
export type SponsorshipFulfilment = typeof sponsorshipFulfilments.$inferSelect;
export type SponsorshipResponse = typeof sponsorshipResponses.$inferSelect;

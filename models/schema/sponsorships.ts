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
  uuid,
} from 'drizzle-orm/pg-core';
import { challenges } from './challenges.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const sponsorshipKinds = [
  'prize',
  'data_access',
  'mentorship',
  'hosting',
  'adoption_commitment',
] as const;
export type SponsorshipKind = (typeof sponsorshipKinds)[number];
export const sponsorshipKind = pgEnum('sponsorship_kind', sponsorshipKinds);

// pledged → fulfilled (by the office, with evidence) → confirmed or disputed (by the receiver).
export const sponsorshipStatuses = [
  'pledged',
  'fulfilled',
  'confirmed',
  'disputed',
  'withdrawn',
] as const;
export type SponsorshipStatus = (typeof sponsorshipStatuses)[number];
export const sponsorshipStatus = pgEnum('sponsorship_status', sponsorshipStatuses);

// A government office's pledge on a challenge; the sponsorship feature adds its flows.
export const sponsorships = pgTable(
  'sponsorships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'restrict' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    kind: sponsorshipKind('kind').notNull(),
    // Money as integer centavos (MXN): never floating point.
    amountCentavos: bigint('amount_centavos', { mode: 'number' }),
    description: text('description').notNull().default(''),
    terms: text('terms').notNull().default(''),
    // The day the office promised to deliver by; past it, unfulfilled, the pledge is overdue.
    dueOn: date('due_on', { mode: 'string' }),
    // The current version's number; every version is kept in sponsorship_versions.
    version: integer('version').notNull().default(1),
    status: sponsorshipStatus('status').notNull().default('pledged'),
    withdrawalReason: text('withdrawal_reason'),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true, precision: 3 }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, precision: 3 }),
    disputedAt: timestamp('disputed_at', { withTimezone: true, precision: 3 }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, precision: 3 }),
    // Set when the office was reminded of an overdue pledge; cleared when the date is amended.
    overdueRemindedAt: timestamp('overdue_reminded_at', { withTimezone: true, precision: 3 }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('sponsorships_challenge_idx').on(table.challengeId, table.status),
    index('sponsorships_organization_idx').on(table.organizationId),
    index('sponsorships_created_by_idx').on(table.createdById),
    // The overdue reminder and the statistics look pledges up by status and promised day.
    index('sponsorships_status_due_idx').on(table.status, table.dueOn),
    // As the pledge form has it: a prize has a positive amount, any other kind none.
    check(
      'sponsorships_amount_check',
      sql`(${table.kind} = 'prize' and ${table.amountCentavos} is not null and ${table.amountCentavos} > 0) or (${table.kind} <> 'prize' and ${table.amountCentavos} is null)`,
    ),
  ],
);

export type Sponsorship = typeof sponsorships.$inferSelect;

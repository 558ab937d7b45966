import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organizationKinds = ['community', 'ngo', 'government', 'academic'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];
export const organizationKind = pgEnum('organization_kind', organizationKinds);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: organizationKind('kind').notNull(),
    description: text('description').notNull().default(''),
    // One of the 32 Mexican state codes (models/mexican-states.ts); null for national reach.
    stateCode: text('state_code'),
    municipality: text('municipality'),
    websiteUrl: text('website_url'),
    verifiedAt: timestamp('verified_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    index('organizations_kind_idx').on(table.kind),
    index('organizations_name_idx').on(sql`lower(${table.name})`),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;

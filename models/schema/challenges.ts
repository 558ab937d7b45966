import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const challengeStatuses = ['draft', 'open', 'in_progress', 'solved', 'closed'] as const;
export type ChallengeStatus = (typeof challengeStatuses)[number];
export const challengeStatus = pgEnum('challenge_status', challengeStatuses);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface DataSet {
  title: string;
  url: string;
}

export interface Phase {
  name: string;
  startsOn: string;
  endsOn: string;
}

/** An evaluation criterion as the scoring code reads it; the weights sum to 100. */
export interface Criterion {
  id: string;
  name: string;
  weight: number;
}

export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    // Who typed it; the challenge belongs to the organization and survives account deletion.
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    pitch: varchar('pitch', { length: 160 }).notNull(),
    // Long fields are Markdown, rendered through marked + sanitize-html.
    problem: text('problem').notNull().default(''),
    affected: text('affected').notNull().default(''),
    currentSituation: text('current_situation').notNull().default(''),
    successCriteria: text('success_criteria').notNull().default(''),
    status: challengeStatus('status').notNull().default('draft'),
    stateCode: text('state_code'),
    municipality: text('municipality'),
    // The 17 UN Sustainable Development Goals, by number.
    sdgs: integer('sdgs')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    deadline: date('deadline'),
    dataSets: jsonb('data_sets').$type<DataSet[]>().notNull().default([]),
    phases: jsonb('phases').$type<Phase[]>().notNull().default([]),
    // The same problem replicated in another municipality points at the original.
    forkedFromId: uuid('forked_from_id').references((): AnyPgColumn => challenges.id, {
      onDelete: 'set null',
    }),
    archived: boolean('archived').notNull().default(false),
    // Proposals that count (submitted onwards, neither drafts nor withdrawn), kept by a trigger
    // on proposals in the same statement as every write, so ordering by it reads an index.
    proposalCount: integer('proposal_count').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    search: tsvector('search').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('es_unaccent', coalesce(${challenges.title}, '')), 'A') || setweight(to_tsvector('es_unaccent', coalesce(${challenges.pitch}, '')), 'B') || setweight(to_tsvector('es_unaccent', coalesce(${challenges.problem}, '')), 'C')`,
    ),
  },
  (table) => [
    index('challenges_search_idx').using('gin', table.search),
    index('challenges_created_idx').on(table.createdAt, table.id),
    index('challenges_published_idx').on(table.publishedAt, table.id),
    index('challenges_deadline_idx').on(table.deadline, table.id),
    index('challenges_forked_from_idx').on(table.forkedFromId),
    index('challenges_sdgs_idx').using('gin', table.sdgs),
    index('challenges_skills_idx').using('gin', table.skills),
    index('challenges_status_idx').on(table.status),
    // Listings show the newest first (by publication, else creation): these match that order.
    index('challenges_listed_by_status_idx')
      .on(table.status, sql`coalesce(${table.publishedAt}, ${table.createdAt})`, table.id)
      .where(sql`${table.archived} = false`),
    index('challenges_listed_by_organization_idx')
      .on(table.organizationId, sql`coalesce(${table.publishedAt}, ${table.createdAt})`, table.id)
      .where(sql`${table.archived} = false`),
    // /retos?orden=propuestas and its tie-breaks, over exactly the challenges it may list.
    index('challenges_listed_by_proposals_idx')
      .on(table.proposalCount, table.publishedAt, table.id)
      .where(
        sql`${table.archived} = false and ${table.status} <> 'draft' and ${table.publishedAt} is not null`,
      ),
    index('challenges_organization_idx').on(table.organizationId),
    index('challenges_author_idx').on(table.authorId),
    // A deadline is a calendar day in Mexico: it may not come before the day of publication
    // there (publishing and setting a deadline both refuse a day already gone).
    check(
      'challenges_deadline_after_publication_check',
      sql`${table.deadline} is null or ${table.publishedAt} is null or ${table.deadline} >= (${table.publishedAt} at time zone 'America/Mexico_City')::date`,
    ),
    // ISO dates compare as strings; the form refuses a phase that ends before it starts.
    check('challenges_proposal_count_check', sql`${table.proposalCount} >= 0`),
    check(
      'challenges_phases_in_order_check',
      sql`not jsonb_path_exists(${table.phases}, '$[*] ? (@.endsOn < @.startsOn)')`,
    ),
  ],
);

export type Challenge = typeof challenges.$inferSelect;
export type NewChallenge = typeof challenges.$inferInsert;

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const locales = ['es', 'en'] as const;
export type Locale = (typeof locales)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name'),
    // The verified sign-in address, stored lower-cased (email link or GitHub's primary email).
    email: text('email'),
    // Where the person prefers to be written to; never public.
    contactEmail: text('contact_email'),
    // GitHub's numeric id identifies a volunteer; logins change and can pass to someone else.
    githubId: bigint('github_id', { mode: 'number' }),
    githubLogin: text('github_login'),
    // Refreshed from GitHub on every sign-in; `name` is the one the person edits.
    githubName: text('github_name'),
    githubProfileUrl: text('github_profile_url'),
    avatarUrl: text('avatar_url'),
    bio: text('bio').notNull().default(''),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    locale: text('locale', { enum: locales }).notNull().default('es'),
    isModerator: boolean('is_moderator').notNull().default(false),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, precision: 3 }),
    // When the person was asked their name after an email sign-in (answered or skipped): once only.
    nameAskedAt: timestamp('name_asked_at', { withTimezone: true, precision: 3 }),
    // A deleted account keeps its row, emptied of personal data, so content stays attributed.
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email),
    uniqueIndex('users_github_id_key').on(table.githubId),
    index('users_github_login_idx').on(sql`lower(${table.githubLogin})`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

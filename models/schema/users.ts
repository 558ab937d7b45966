import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const locales = ['es', 'en'] as const;
export type Locale = (typeof locales)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name'),
    // Stored lower-cased; organization members sign in with it.
    email: text('email'),
    // GitHub's numeric id identifies a volunteer; logins change and can pass to someone else.
    githubId: bigint('github_id', { mode: 'number' }),
    githubLogin: text('github_login'),
    avatarUrl: text('avatar_url'),
    bio: text('bio').notNull().default(''),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    locale: text('locale', { enum: locales }).notNull().default('es'),
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

import { sql, type SQL } from 'drizzle-orm';
import type { User } from '../../models/schema/index.ts';
import type { PersonalColumn } from './personal-data-map.ts';

/** The person whose rows are looked up: their id and every address they are known by. */
export interface Person {
  id: string;
  emails: string[];
}

export function personOf(user: User): Person {
  const emails = [user.email, user.contactEmail]
    .filter((email): email is string => Boolean(email))
    .map((email) => email.toLowerCase());
  return { id: user.id, emails: [...new Set(emails)] };
}

const column = (entry: Pick<PersonalColumn, 'column'>) => sql`t.${sql.identifier(entry.column)}`;

/** The condition that picks out the person's rows through one column, or undefined if none. */
export function matchesPerson(entry: PersonalColumn, person: Person): SQL | undefined {
  const emails = person.emails;
  switch (entry.match) {
    case 'id':
      return sql`${column(entry)} = ${person.id}`;
    case 'email':
      return emails.length === 0
        ? undefined
        : sql`lower(${column(entry)}) IN (${sql.join(
            emails.map((email) => sql`${email}`),
            sql`, `,
          )})`;
    case 'contains':
      return sql.join(
        [person.id, ...emails].map(
          (needle) => sql`strpos(lower(${column(entry)}::text), ${needle}) > 0`,
        ),
        sql` OR `,
      );
    case 'session-user':
      return sql`${column(entry)} -> 'passport' ->> 'user' = ${person.id}`;
    case 'none':
      return undefined;
  }
}

/** Rows of a table that refer to the person through any of the given columns. */
export function anyMatch(entries: readonly PersonalColumn[], person: Person): SQL | undefined {
  const conditions = entries
    .map((entry) => matchesPerson(entry, person))
    .filter((condition): condition is SQL => condition !== undefined);
  if (conditions.length === 0) return undefined;
  return sql.join(
    conditions.map((condition) => sql`(${condition})`),
    sql` OR `,
  );
}

import { sql, type SQL } from 'drizzle-orm';
import type { User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { personalDataMap, type PersonalColumn } from './personal-data-map.ts';
import { anyMatch, matchesPerson, personOf, type Person } from './personal-rows.ts';

/** What replaces a person's name, login or address quoted in a record that stays. */
export const ERASED = 'cuenta eliminada';

type Anonymiser = (tx: Tx, user: User, person: Person) => Promise<void>;

const table = (entry: Pick<PersonalColumn, 'table'>) => sql`${sql.identifier(entry.table)} t`;

/** The values that name the person: cut where they appear whole, or (addresses) anywhere. */
function quotedValues(user: User, person: Person) {
  const whole = [
    user.name,
    user.githubName,
    user.githubLogin,
    user.githubProfileUrl,
    user.avatarUrl,
    user.email,
    user.contactEmail,
  ].filter((value): value is string => Boolean(value));
  return { whole: [...new Set(whole)], anywhere: person.emails };
}

/** Cuts the person's name, login and addresses out of a JSON column in every row quoting them. */
async function scrubJson(
  tx: Tx,
  tableName: string,
  columnName: string,
  user: User,
  person: Person,
) {
  const { whole, anywhere } = quotedValues(user, person);
  const target = sql.identifier(tableName);
  const col = sql.identifier(columnName);
  const cut = async (needle: string, replacement: string) => {
    await tx.execute(
      sql`UPDATE ${target} SET ${col} = replace(${col}::text, ${needle}, ${replacement})::jsonb
          WHERE strpos(${col}::text, ${needle}) > 0`,
    );
  };
  // JSON-escaped as jsonb prints them; a whole value keeps its quotes so no other text is cut.
  for (const value of whole) await cut(JSON.stringify(value), JSON.stringify(ERASED));
  for (const email of anywhere) await cut(JSON.stringify(email).slice(1, -1), ERASED);
}

function emailsToPerson(person: Person): SQL {
  const byAddress = anyMatch(
    personalDataMap.filter((entry) => entry.table === 'outbox' && entry.match === 'email'),
    person,
  );
  return byAddress
    ? sql`t.recipient_id = ${person.id} OR ${byAddress}`
    : sql`t.recipient_id = ${person.id}`;
}

/** How each table with anonymised columns is emptied; the map names what each one does. */
export const anonymisers: Record<string, Anonymiser> = {
  users: async (tx, user) => {
    await tx.execute(
      sql`UPDATE users SET name = NULL, email = NULL, contact_email = NULL, github_id = NULL,
          github_login = NULL, github_name = NULL, github_profile_url = NULL, avatar_url = NULL,
          bio = '', skills = '{}', is_moderator = false, last_sign_in_at = NULL,
          deleted_at = now(), updated_at = now()
          WHERE id = ${user.id}`,
    );
  },
  outbox: async (tx, user, person) => {
    const theirs = emailsToPerson(person);
    // Nothing more is written to a deleted account: its unsent notifications go with it.
    await tx.execute(
      sql`DELETE FROM outbox t WHERE (${theirs}) AND t.status IN ('pending', 'digest')`,
    );
    await tx.execute(
      sql`UPDATE outbox t SET to_address = '', data = '{}'::jsonb, last_error = NULL
          WHERE ${theirs}`,
    );
    await scrubJson(tx, 'outbox', 'data', user, person);
  },
  claims: async (tx, _user, person) => {
    await tx.execute(
      sql`UPDATE claims SET status = 'released', released_at = now(), released_by_id = ${person.id}
          WHERE user_id = ${person.id} AND status = 'active'`,
    );
  },
  audit_events: async (tx, user, person) => {
    await scrubJson(tx, 'audit_events', 'before', user, person);
    await scrubJson(tx, 'audit_events', 'after', user, person);
  },
};

/** Deletes or nulls the rows and columns the map says go, through the column that matches. */
async function eraseColumn(tx: Tx, entry: PersonalColumn, person: Person) {
  const { action } = entry.deletion;
  if (action !== 'delete-row' && action !== 'set-null') return;
  const where = matchesPerson(entry, person);
  if (!where) return;
  if (action === 'delete-row') {
    await tx.execute(sql`DELETE FROM ${table(entry)} WHERE ${where}`);
  } else {
    await tx.execute(
      sql`UPDATE ${table(entry)} SET ${sql.identifier(entry.column)} = NULL WHERE ${where}`,
    );
  }
}

/** Tables whose anonymisers run, in the order they must (the user row, read by others, last). */
export function anonymisedTables(): string[] {
  const tables = [
    ...new Set(
      personalDataMap
        .filter((entry) => entry.deletion.action === 'anonymise')
        .map((entry) => entry.table),
    ),
  ];
  return [
    ...tables.filter((name) => name !== 'users'),
    ...tables.filter((name) => name === 'users'),
  ];
}

/**
 * Erases a person's personal data (ARCO cancellation) in one transaction, as the data map says
 * for each column. The user row stays, emptied, so what they wrote for others reads as
 * "cuenta eliminada"; every session ends, every sign-in link and invitation to them goes.
 */
export async function deleteAccount(db: Db, user: User): Promise<void> {
  const person = personOf(user);
  const tables = anonymisedTables();
  const missing = tables.filter((name) => !anonymisers[name]);
  if (missing.length > 0) throw new Error(`No anonymiser for ${missing.join(', ')}`);
  await db.transaction(async (tx) => {
    for (const entry of personalDataMap) await eraseColumn(tx, entry, person);
    for (const name of tables) await anonymisers[name]!(tx, user, person);
    // The erasure itself is on record (who and when), after the scrub so it quotes nothing.
    await recordAudit(tx, {
      actorId: user.id,
      action: 'account.delete',
      subjectType: 'account',
      subjectId: user.id,
    });
  });
}

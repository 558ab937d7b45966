import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { deleteAccount, exportPersonalData } from '../../../../server/accounts/service.ts';
import {
  personalDataMap,
  type PersonalColumn,
} from '../../../../server/accounts/personal-data-map.ts';
import { queryRows } from '../../../../server/db/index.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';
import { applicationTables, PERSON, personWhoTouchesEverything } from './person-everywhere.ts';

// Column names that suggest personal data: an address, a name, a login, a picture, a phone…
const PERSONAL_NAME = /(^|_)(e?mail|address|name|login|ip|phone|avatar|bio|skills|profile)(_|$)/;

// Columns whose name matches but that hold nothing about a person, each with why.
const NOT_PERSONAL = new Set([
  'organizations.name', // an organization's public name, not a person's
  'challenge_criteria.name', // the name of a challenge's evaluation criterion
  'challenges.skills', // the skills a challenge needs
  'users.name_asked_at', // when the name question was asked (exported with the account)
]);

const mapped = new Set(personalDataMap.map((entry) => `${entry.table}.${entry.column}`));
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('the personal-data map', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('lists every column that refers to users or whose name suggests personal data', async () => {
    const db = test.database.db;
    const foreignKeys = await queryRows<{ table_name: string; column_name: string }>(
      db,
      sql`SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
          WHERE c.contype = 'f' AND c.confrelid = 'public.users'::regclass`,
    );
    assert.ok(foreignKeys.length >= 10, 'the catalog query finds the foreign keys to users');
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      db,
      sql`SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public'`,
    );
    const named = columns.filter((row) => PERSONAL_NAME.test(row.column_name));
    const unmapped = [...foreignKeys, ...named]
      .map((row) => `${row.table_name.replace(/^"|"$/g, '')}.${row.column_name}`)
      .filter((name) => !mapped.has(name) && !NOT_PERSONAL.has(name));
    assert.deepEqual([...new Set(unmapped)], [], 'decide export and deletion in the map');
  });

  it('names only columns that exist, with a reason for each one kept', async () => {
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      test.database.db,
      sql`SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public'`,
    );
    const existing = new Set(columns.map((row) => `${row.table_name}.${row.column_name}`));
    for (const name of mapped) assert.ok(existing.has(name), `${name} exists`);
    for (const entry of personalDataMap) {
      if (entry.deletion.action === 'keep') assert.ok(entry.deletion.reason.length > 10);
    }
  });
});

/** The person's rows through one column, written apart from the app's own matching. */
function heldBy(entry: PersonalColumn, id: string, emails: string[]): SQL | undefined {
  const col = sql`${sql.identifier(entry.column)}`;
  const addresses = sql.join(
    emails.map((email) => sql`${email}`),
    sql`, `,
  );
  switch (entry.match) {
    case 'id':
      return sql`${col} = ${id}`;
    case 'email':
      return sql`lower(${col}) IN (${addresses})`;
    case 'contains':
      return sql`(${col}::text LIKE ${`%${id}%`} OR ${col}::text LIKE ${`%${emails[0]}%`})`;
    case 'session-user':
      return sql`${col} -> 'passport' ->> 'user' = ${id}`;
    case 'none':
      return undefined;
  }
}

async function countHeld(test: TestApp, entry: PersonalColumn, id: string, emails: string[]) {
  const where = heldBy(entry, id, emails);
  if (!where) return undefined;
  const [row] = await queryRows<{ n: number }>(
    test.database.db,
    sql`SELECT count(*)::int AS n FROM ${sql.identifier(entry.table)} WHERE ${where}`,
  );
  return Number(row!.n);
}

// Where each users column shows in the download.
const accountField: Record<string, [string, string]> = {
  name: ['account', 'name'],
  email: ['account', 'email'],
  contact_email: ['account', 'contactEmail'],
  bio: ['account', 'bio'],
  skills: ['account', 'skills'],
  last_sign_in_at: ['account', 'lastSignInAt'],
  github_id: ['github', 'id'],
  github_login: ['github', 'login'],
  github_name: ['github', 'name'],
  github_profile_url: ['github', 'profileUrl'],
  avatar_url: ['github', 'avatarUrl'],
};

describe('a person who touches every table', () => {
  let test: TestApp;
  let world: Awaited<ReturnType<typeof personWhoTouchesEverything>>;
  const emails = [PERSON.email, PERSON.contactEmail];
  before(async () => {
    test = await buildTestApp();
    world = await personWhoTouchesEverything(test);
  });
  after(() => test.close());

  it('touches every column of the map before the tests below rely on it', async () => {
    for (const entry of personalDataMap) {
      const held = await countHeld(test, entry, world.user.id, emails);
      if (held !== undefined) assert.ok(held > 0, `${entry.table}.${entry.column} holds a row`);
    }
  });

  it('finds the rows of every column of the map in the download', async () => {
    const data = (await exportPersonalData(test.database.db, world.user)) as unknown as Record<
      string,
      unknown
    >;
    const text = JSON.stringify(data);
    for (const entry of personalDataMap) {
      const where = `${entry.table}.${entry.column} in ${entry.section}`;
      if (entry.table === 'users') {
        const [section, field] = accountField[entry.column]!;
        const shown = (data[section] as Record<string, unknown>)[field];
        assert.ok(shown !== null && shown !== undefined && shown !== '', where);
        continue;
      }
      const rows = data[entry.section] as Record<string, unknown>[];
      assert.ok(Array.isArray(rows), `${where}: the section is a list`);
      const key = camel(entry.column);
      const found = rows.some((row) => {
        const value = row[key];
        switch (entry.match) {
          case 'id':
            return value === world.user.id;
          case 'email':
            return emails.includes(String(value));
          case 'contains':
            return [world.user.id, ...emails].some((n) => JSON.stringify(value).includes(n));
          case 'session-user':
            return typeof row.expiresAt === 'string';
          case 'none':
            return value !== undefined && value !== null;
        }
      });
      assert.ok(found, where);
    }
    assert.match(
      String((data.proposalsLed as { challenge: { title: string } }[])[0]!.challenge.title),
      /Agua limpia/,
    );
    assert.doesNotMatch(text, /token_?[hH]ash|"sid"|passport/, 'no secrets');
    assert.match(text, /"createdAt":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'dates are ISO 8601');
  });

  it('leaves out the rows of other people', async () => {
    const data = (await exportPersonalData(test.database.db, world.other)) as unknown as Record<
      string,
      { toAddress?: string }[]
    >;
    assert.ok(data.emailsToYou!.length > 0);
    assert.ok(data.emailsToYou!.every((row) => row.toAddress === 'otra-persona@example.org'));
    assert.deepEqual([data.signInLinks, data.sessions, data.follows], [[], [], []]);
    const own = await exportPersonalData(test.database.db, world.user);
    assert.ok(!JSON.stringify(own).includes('otra-persona@example.org'), 'no email to others');
  });

  it('erases or anonymises every personal field, as the map says', async () => {
    const db = test.database.db;
    await deleteAccount(db, world.user);
    for (const entry of personalDataMap) {
      const held = await countHeld(test, entry, world.user.id, emails);
      const name = `${entry.table}.${entry.column}`;
      if (entry.deletion.action === 'delete-row' || entry.deletion.action === 'set-null') {
        assert.equal(held, 0, `${name} no longer refers to the person`);
      }
      if (entry.deletion.action === 'keep') assert.ok(held! > 0, `${name} stays`);
    }
    const [counts] = await queryRows<Record<string, number>>(
      db,
      sql`SELECT
            (SELECT count(*)::int FROM outbox WHERE recipient_id = ${world.user.id}
               AND status IN ('pending', 'digest')) AS unsent,
            (SELECT count(*)::int FROM outbox WHERE recipient_id = ${world.user.id}
               AND (to_address <> '' OR data <> '{}'::jsonb OR last_error IS NOT NULL)) AS filled,
            (SELECT count(*)::int FROM claims WHERE user_id = ${world.user.id}
               AND status = 'active') AS active_claims,
            (SELECT count(*)::int FROM users WHERE id = ${world.user.id}
               AND deleted_at IS NOT NULL) AS emptied`,
    );
    assert.deepEqual({ ...counts }, { unsent: 0, filled: 0, active_claims: 0, emptied: 1 });

    const needles = [
      PERSON.email,
      PERSON.contactEmail,
      PERSON.name,
      PERSON.githubLogin,
      PERSON.githubName,
      String(PERSON.githubId),
    ];
    for (const table of await applicationTables(db)) {
      const rows = await queryRows<{ row: string }>(
        db,
        sql`SELECT t::text AS row FROM ${sql.identifier(table)} t`,
      );
      for (const { row } of rows) {
        for (const needle of needles) {
          assert.ok(!row.includes(needle), `${table} still holds ${needle}: ${row}`);
        }
      }
    }
  });
});

import { sql, type SQL } from 'drizzle-orm';
import type { User } from '../../models/schema/index.ts';
import { recordAudit } from '../audit/index.ts';
import { queryRows, type Db } from '../db/index.ts';
import { exportSections, type ExportSection, type Related } from './export-sections.ts';
import { preferencesOf } from '../notifications/index.ts';
import { entriesOfSection } from './personal-data-map.ts';
import { anyMatch, personOf, type Person } from './personal-rows.ts';

// Context that helps a person read a row: what challenge, proposal or organization it is about.
const relatedContext: Record<Related, SQL> = {
  challenge: sql`(SELECT jsonb_build_object('slug', c.slug, 'title', c.title)
    FROM challenges c WHERE c.id = t.challenge_id)`,
  proposal: sql`(SELECT jsonb_build_object('title', p.title, 'challengeSlug', c.slug,
      'challengeTitle', c.title)
    FROM proposals p JOIN challenges c ON c.id = p.challenge_id WHERE p.id = t.proposal_id)`,
  question: sql`(SELECT jsonb_build_object('body', q.body, 'challengeSlug', c.slug,
      'challengeTitle', c.title)
    FROM challenge_questions q JOIN challenges c ON c.id = q.challenge_id
    WHERE q.id = t.question_id)`,
  organization: sql`(SELECT jsonb_build_object('slug', o.slug, 'name', o.name)
    FROM organizations o WHERE o.id = t.organization_id)`,
};

const camelCase = (name: string) =>
  name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A row as the person reads it: every column (so new ones show up), keys in camelCase. */
function readable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camelCase(key), value]));
}

/** The whole row as JSON, without secret columns, with the related context beside it. */
function projection(section: ExportSection): SQL {
  let row = sql`to_jsonb(t)`;
  for (const name of section.omit ?? []) row = sql`(${row} - ${name}::text)`;
  for (const name of section.omitWhenSecret ?? []) {
    row = sql`(CASE WHEN t.secret THEN ${row} - ${name}::text ELSE ${row} END)`;
  }
  for (const related of section.related ?? []) {
    row = sql`(${row} || jsonb_build_object(${related}::text, ${relatedContext[related]}))`;
  }
  return row;
}

async function sectionRows(db: Db, section: ExportSection, person: Person) {
  const where = anyMatch(entriesOfSection(section.name), person);
  if (!where) return [];
  const order = sql.identifier(section.orderBy ?? 'created_at');
  const rows = await queryRows<{ row: Record<string, unknown> }>(
    db,
    sql`SELECT ${projection(section)} AS row FROM ${sql.identifier(section.table)} t
        WHERE ${where} ORDER BY t.${order}`,
  );
  return rows.map(({ row }) => readable(row));
}

/**
 * Everything Retos stores about a person (ARCO access right): the account, then every row of
 * every table that refers to them by id or address, one section per column of the data map.
 */
export async function exportPersonalData(db: Db, user: User) {
  const person = personOf(user);
  // A download of someone's data is on record: who and when, never what it held.
  await recordAudit(db, {
    actorId: user.id,
    action: 'account.export',
    subjectType: 'account',
    subjectId: user.id,
  });
  const [sections, preferences] = await Promise.all([
    Promise.all(
      exportSections.map(
        async (section) => [section.name, await sectionRows(db, section, person)] as const,
      ),
    ),
    preferencesOf(db, user.id),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      contactEmail: user.contactEmail,
      bio: user.bio,
      skills: user.skills,
      preferredLanguage: user.locale,
      moderator: user.isModerator,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      lastSignInAt: user.lastSignInAt,
      nameAskedAt: user.nameAskedAt,
    },
    github:
      user.githubId === null
        ? null
        : {
            id: user.githubId,
            login: user.githubLogin,
            name: user.githubName,
            profileUrl: user.githubProfileUrl,
            avatarUrl: user.avatarUrl,
          },
    // How each kind of email reaches them now, defaults included; the saved choices are rows.
    notificationPreferences: preferences,
    ...Object.fromEntries(sections),
  };
}

import { sql } from 'drizzle-orm';
import { challenges } from '../../models/schema/index.ts';
import { queryRows, type Db } from '../db/index.ts';

// Skills are typed freely ("Python", "python", "diseño", "Diseno"). The skill filter matches one
// whole skill ignoring case and accents, yet must use the GIN index on skills, which only answers
// exact spellings: so it looks up every spelling in use of the skill asked for, and asks the
// index for any of them. The spellings in use are read once a minute per database.

const VOCABULARY_TTL_MS = 60_000;

type Spellings = Map<string, string[]>;

const vocabularies = new WeakMap<Db, { readAt: number; spellings: Promise<Spellings> }>();

/** The form a skill is compared in: lower case, without accents ("Diseño" → "diseno"). */
export function skillKey(skill: string): string {
  return skill
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

async function readSpellings(db: Db): Promise<Spellings> {
  const rows = await queryRows<{ skill: string }>(
    db,
    sql`select distinct skill from ${challenges}, unnest(${challenges.skills}) as skill`,
  );
  const spellings: Spellings = new Map();
  for (const { skill } of rows) {
    const key = skillKey(skill);
    spellings.set(key, [...(spellings.get(key) ?? []), skill]);
  }
  return spellings;
}

function vocabulary(db: Db, now: number): Promise<Spellings> {
  const cached = vocabularies.get(db);
  if (cached && now - cached.readAt < VOCABULARY_TTL_MS) return cached.spellings;
  const entry = { readAt: now, spellings: readSpellings(db) };
  vocabularies.set(db, entry);
  // A failed read is not kept: the next request tries again.
  entry.spellings.catch(() => {
    if (vocabularies.get(db) === entry) vocabularies.delete(db);
  });
  return entry.spellings;
}

/**
 * Every spelling in use of the skill asked for, and the skill as typed (a spelling newer than
 * the vocabulary is still found when typed exactly).
 */
export async function skillSpellings(db: Db, skill: string, now = Date.now()): Promise<string[]> {
  const known = (await vocabulary(db, now)).get(skillKey(skill)) ?? [];
  return [...new Set([skill, ...known])];
}

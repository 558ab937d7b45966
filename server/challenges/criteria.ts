import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { challengeCriteria, proposalScores, type Criterion } from '../../models/schema/index.ts';
import type { Db, Tx } from '../db/index.ts';

/** A criterion as the challenge form sends it: the id of the row it edits, or null for a new one. */
export interface CriterionInput {
  id: string | null;
  name: string;
  weight: number;
}

/** The challenge's current criteria, in order (retired ones, kept for old scores, left out). */
export async function activeCriteria(db: Db | Tx, challengeId: string): Promise<Criterion[]> {
  const rows = await db
    .select({
      id: challengeCriteria.id,
      name: challengeCriteria.name,
      weight: challengeCriteria.weight,
    })
    .from(challengeCriteria)
    .where(
      and(eq(challengeCriteria.challengeId, challengeId), eq(challengeCriteria.retired, false)),
    )
    .orderBy(asc(challengeCriteria.position));
  // An active criterion always has a weight (a check constraint says so).
  return rows.map((row) => ({ id: row.id, name: row.name, weight: row.weight ?? 0 }));
}

/**
 * Writes the challenge's criteria as the form sent them, in its order. A row carrying the id of
 * one of the challenge's current criteria keeps it, so a renamed criterion keeps its scores; a
 * row without one (a form from before ids, a new row) takes the unclaimed criterion of the same
 * name if there is one, else it is a new criterion. A criterion left out is deleted, or retired
 * when reviewers already scored it, so no score is lost.
 */
export async function saveCriteria(
  tx: Tx,
  challengeId: string,
  rows: readonly CriterionInput[],
): Promise<void> {
  const existing = await activeCriteria(tx, challengeId);
  const known = new Set(existing.map((criterion) => criterion.id));
  const kept = new Set<string>();
  const planned = rows.map((row, position) => {
    const id = row.id && known.has(row.id) && !kept.has(row.id) ? row.id : null;
    if (id) kept.add(id);
    return { ...row, id, position };
  });
  for (const row of planned) {
    if (row.id) continue;
    const same = existing.find(
      (criterion) =>
        !kept.has(criterion.id) && criterion.name.toLowerCase() === row.name.toLowerCase(),
    );
    if (same) kept.add((row.id = same.id));
  }

  const removed = existing.filter((criterion) => !kept.has(criterion.id)).map((row) => row.id);
  if (removed.length > 0) {
    const scored = (
      await tx
        .selectDistinct({ id: proposalScores.criterionId })
        .from(proposalScores)
        .where(inArray(proposalScores.criterionId, removed))
    ).map((row) => row.id);
    if (scored.length > 0) {
      await tx
        .update(challengeCriteria)
        .set({ retired: true })
        .where(inArray(challengeCriteria.id, scored));
    }
    const unscored = removed.filter((id) => !scored.includes(id));
    if (unscored.length > 0) {
      await tx.delete(challengeCriteria).where(inArray(challengeCriteria.id, unscored));
    }
  }

  if (kept.size > 0) {
    // The unique indexes are checked row by row: moving the kept rows out of the way first
    // lets two criteria swap places or names.
    await tx
      .update(challengeCriteria)
      .set({
        position: sql`${challengeCriteria.position} + 100000`,
        name: sql`${challengeCriteria.id}::text`,
      })
      .where(inArray(challengeCriteria.id, [...kept]));
  }
  for (const row of planned) {
    if (!row.id) continue;
    await tx
      .update(challengeCriteria)
      .set({ position: row.position, name: row.name, weight: row.weight })
      .where(eq(challengeCriteria.id, row.id));
  }
  const added = planned.filter((row) => !row.id);
  if (added.length > 0) {
    await tx.insert(challengeCriteria).values(
      added.map((row) => ({
        challengeId,
        position: row.position,
        name: row.name,
        weight: row.weight,
      })),
    );
  }
}

/** A copy of the criteria on another challenge, as new rows: its scores start from nothing. */
export async function copyCriteria(tx: Tx, fromChallengeId: string, toChallengeId: string) {
  const criteria = await activeCriteria(tx, fromChallengeId);
  if (criteria.length === 0) return;
  await tx.insert(challengeCriteria).values(
    criteria.map((criterion, position) => ({
      challengeId: toChallengeId,
      position,
      name: criterion.name,
      weight: criterion.weight,
    })),
  );
}

/** The criteria as the audit log and the form compare them: names and weights, in order. */
export const criteriaForAudit = (criteria: readonly Pick<Criterion, 'name' | 'weight'>[]) =>
  criteria.map((criterion) => ({ name: criterion.name, weight: criterion.weight }));

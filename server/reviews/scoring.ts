import type { Criterion } from '../../models/schema/index.ts';

// The review arithmetic, pure. Means and totals are computed as exact fractions with BigInt and
// rounded half up once at the end, so 87.45 never becomes 87.4 through floating-point error.

/** One reviewer's score (1–5) of one proposal on one criterion. */
export interface ScoreEntry {
  proposalId: string;
  /** Null once the reviewer's account is deleted; such scores still count. */
  reviewerId: string | null;
  criterionId: string;
  score: number;
}

export interface CriterionResult {
  id: string;
  name: string;
  weight: number;
  /** How many reviewers scored this criterion. */
  count: number;
  /** The mean score rounded half up to two decimals, or null when nobody scored it. */
  mean: number | null;
}

export interface RankingRow<P> {
  proposal: P;
  criteria: CriterionResult[];
  /** Distinct reviewers who scored the proposal on any current criterion. */
  reviewers: number;
  /** Σ weight × mean / 5 over scored criteria, 0–100 rounded half up to one decimal; null unscored. */
  total: number | null;
  /** Every criterion has at least one score. */
  complete: boolean;
  /** 1-based, shared by equal totals (1, 2, 2, 4); null for unscored proposals. */
  rank: number | null;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** numerator / denominator (both positive) rounded half up to an integer. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

interface Tally {
  sum: number;
  count: number;
}

/** The mean of `sum / count` in hundredths, rounded half up. */
function meanOf(tally: Tally): number {
  return Number(roundHalfUp(BigInt(tally.sum) * 100n, BigInt(tally.count))) / 100;
}

/**
 * Σ weight × (sum / count) / 5, scaled to 0–100 by the criteria's total weight (100 when the
 * challenge is well formed), in tenths, rounded half up once.
 */
function totalTenths(criteria: readonly Criterion[], tallies: readonly (Tally | undefined)[]) {
  const totalWeight = BigInt(criteria.reduce((sum, criterion) => sum + criterion.weight, 0));
  if (totalWeight === 0n) return 0;
  // Σ w·s/c · 10·100/(5·W) = Σ w·s·200/c / W, over a common denominator of the counts.
  let numerator = 0n;
  let denominator = 1n;
  criteria.forEach((criterion, index) => {
    const tally = tallies[index];
    if (!tally) return;
    const count = BigInt(tally.count);
    const term = BigInt(criterion.weight) * BigInt(tally.sum) * 200n;
    const common = (denominator / gcd(denominator, count)) * count;
    numerator = numerator * (common / denominator) + term * (common / count);
    denominator = common;
  });
  return Number(roundHalfUp(numerator, denominator * totalWeight));
}

/**
 * Ranks proposals by their weighted totals. Per criterion the mean of the reviewers' scores;
 * total = Σ weight × mean / 5. A criterion nobody scored adds nothing and marks the row
 * incomplete; a proposal nobody scored has no total and comes last, in the order given.
 * Scores on criteria that are not among the given ones (retired) are ignored.
 */
export function rankProposals<P extends { id: string }>(
  proposals: readonly P[],
  criteria: readonly Criterion[],
  scores: readonly ScoreEntry[],
): RankingRow<P>[] {
  const position = new Map(criteria.map((criterion, index) => [criterion.id, index]));
  const tallies = new Map<string, (Tally | undefined)[]>();
  const reviewers = new Map<string, Set<string | null>>();
  for (const entry of scores) {
    const index = position.get(entry.criterionId);
    if (index === undefined) continue;
    let row = tallies.get(entry.proposalId);
    if (!row) tallies.set(entry.proposalId, (row = criteria.map(() => undefined)));
    const tally = (row[index] ??= { sum: 0, count: 0 });
    tally.sum += entry.score;
    tally.count += 1;
    let people = reviewers.get(entry.proposalId);
    if (!people) reviewers.set(entry.proposalId, (people = new Set()));
    people.add(entry.reviewerId);
  }

  const rows = proposals.map((proposal) => {
    const row = tallies.get(proposal.id);
    const tenths = row ? totalTenths(criteria, row) : null;
    return {
      proposal,
      criteria: criteria.map((criterion, index) => {
        const tally = row?.[index];
        return {
          id: criterion.id,
          name: criterion.name,
          weight: criterion.weight,
          count: tally?.count ?? 0,
          mean: tally ? meanOf(tally) : null,
        };
      }),
      reviewers: reviewers.get(proposal.id)?.size ?? 0,
      tenths,
      total: tenths === null ? null : tenths / 10,
      complete: criteria.length > 0 && Boolean(row?.every(Boolean)),
      rank: null as number | null,
    };
  });

  // Array.prototype.sort is stable: equal totals keep the order they were given in.
  rows.sort((a, b) => (b.tenths ?? -1) - (a.tenths ?? -1));
  rows.forEach((row, index) => {
    if (row.tenths === null) return;
    const previous = rows[index - 1];
    row.rank = previous && previous.tenths === row.tenths ? previous.rank : index + 1;
  });
  return rows.map(({ tenths: _tenths, ...row }) => row);
}

/** A total or mean as shown and exported: "87.5", "4.33"; an empty string when there is none. */
export function formatScore(value: number | null, decimals: 1 | 2): string {
  return value === null ? '' : value.toFixed(decimals);
}

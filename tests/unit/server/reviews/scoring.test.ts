import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatScore, rankProposals, type ScoreEntry } from '../../../../server/reviews/scoring.ts';

// Scores point at a criterion by its id; here the ids are the names, for readability.
const criteria = [
  { id: 'Impacto', name: 'Impacto', weight: 60 },
  { id: 'Facilidad de uso', name: 'Facilidad de uso', weight: 40 },
];

/** Scores as a reviewer fills the sheet: [proposal, reviewer, Impacto, Facilidad de uso]. */
function sheets(...rows: [string, string | null, number | null, number | null][]): ScoreEntry[] {
  return rows.flatMap(([proposalId, reviewerId, impact, ease]) => [
    ...(impact === null ? [] : [{ proposalId, reviewerId, criterionId: 'Impacto', score: impact }]),
    ...(ease === null
      ? []
      : [{ proposalId, reviewerId, criterionId: 'Facilidad de uso', score: ease }]),
  ]);
}

const summary = (rows: ReturnType<typeof rankProposals<{ id: string }>>) =>
  rows.map((row) => ({
    id: row.proposal.id,
    rank: row.rank,
    total: row.total,
    means: row.criteria.map((criterion) => criterion.mean),
    reviewers: row.reviewers,
    complete: row.complete,
  }));

describe('the weighted ranking', () => {
  it('averages each criterion over its reviewers and weighs the means (hand-computed)', () => {
    const proposals = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];
    const scores = sheets(
      // a: Impacto (5+4+4)/3 = 4.333…, Facilidad (3+4+2)/3 = 3 → 60·4.333…/5 + 40·3/5 = 52 + 24
      ['a', 'r1', 5, 3],
      ['a', 'r2', 4, 4],
      ['a', 'r3', 4, 2],
      // b: Impacto 3.5, Facilidad 5 → 42 + 40
      ['b', 'r1', 3, 5],
      ['b', 'r2', 4, 5],
      // d: only Impacto was scored → 60·5/5 = 60, and the row is incomplete
      ['d', 'r1', 5, null],
      // c: nobody scored it
    );
    assert.deepEqual(summary(rankProposals(proposals, criteria, scores)), [
      { id: 'b', rank: 1, total: 82, means: [3.5, 5], reviewers: 2, complete: true },
      { id: 'a', rank: 2, total: 76, means: [4.33, 3], reviewers: 3, complete: true },
      { id: 'd', rank: 3, total: 60, means: [5, null], reviewers: 1, complete: false },
      { id: 'c', rank: null, total: null, means: [null, null], reviewers: 0, complete: false },
    ]);
  });

  it('rounds half up from the exact fraction, where floating point would round down', () => {
    // 1·2/5 + 99·(9/4)/5 = 0.4 + 44.55 = 44.95 exactly → 45.0; in floating point 44.9499… → 44.9.
    const lopsided = [
      { id: 'Licencia abierta', name: 'Licencia abierta', weight: 1 },
      { id: 'Impacto', name: 'Impacto', weight: 99 },
    ];
    const scores: ScoreEntry[] = [
      { proposalId: 'a', reviewerId: 'r1', criterionId: 'Licencia abierta', score: 2 },
      ...[2, 2, 2, 3].map((score, index) => ({
        proposalId: 'a',
        reviewerId: `r${index + 1}`,
        criterionId: 'Impacto',
        score,
      })),
    ];
    const naive = Math.round(((1 * 2) / 5 + (99 * (9 / 4)) / 5) * 10) / 10;
    assert.equal(naive, 44.9, 'the naive computation is off');
    const [row] = rankProposals([{ id: 'a' }], lopsided, scores);
    assert.equal(row!.total, 45);
    assert.equal(formatScore(row!.total, 1), '45.0');
    assert.deepEqual(
      row!.criteria.map((criterion) => [criterion.mean, criterion.count]),
      [
        [2, 1],
        [2.25, 4],
      ],
    );
  });

  it('rounds means to two decimals and totals to one, half up', () => {
    // Impacto (4+4+4+5+5+5+5+5)/8 = 4.625 → 4.63; Facilidad (1+2+2)/3 = 1.666… → 1.67
    // total 60·4.625/5 + 40·(5/3)/5 = 55.5 + 13.333… = 68.833… → 68.8
    const scores = sheets(
      ...[4, 4, 4, 5, 5, 5, 5, 5].map(
        (impact, index) =>
          ['a', `r${index}`, impact, index < 3 ? [1, 2, 2][index]! : null] as [
            string,
            string,
            number,
            number | null,
          ],
      ),
    );
    const [row] = rankProposals([{ id: 'a' }], criteria, scores);
    assert.deepEqual(
      row!.criteria.map((criterion) => criterion.mean),
      [4.63, 1.67],
    );
    assert.equal(row!.total, 68.8);
    assert.equal(formatScore(row!.criteria[0]!.mean, 2), '4.63');
    assert.equal(formatScore(row!.criteria[1]!.mean, 2), '1.67');
    assert.equal(formatScore(null, 1), '');
  });

  it('shares a rank between equal totals and keeps their given order', () => {
    const scores = sheets(
      ['x', 'r1', 4, 4],
      ['y', 'r1', 5, 3],
      ['z', 'r1', 5, 5],
      ['w', 'r1', 1, 1],
    );
    // x: 48 + 32 = 80; y: 60 + 24 = 84; z: 100; w: 12 + 8 = 20
    const same = sheets(['v', 'r1', 4, 4]);
    const rows = rankProposals(
      [{ id: 'x' }, { id: 'y' }, { id: 'z' }, { id: 'v' }, { id: 'w' }],
      criteria,
      [...scores, ...same],
    );
    assert.deepEqual(
      rows.map((row) => [row.proposal.id, row.rank, row.total]),
      [
        ['z', 1, 100],
        ['y', 2, 84],
        ['x', 3, 80],
        ['v', 3, 80],
        ['w', 5, 20],
      ],
    );
  });

  it('counts scores of deleted accounts, ignores criteria the challenge no longer has', () => {
    const scores: ScoreEntry[] = [
      ...sheets(['a', null, 5, 5], ['a', 'r2', 3, 3]),
      { proposalId: 'a', reviewerId: 'r3', criterionId: 'Criterio viejo', score: 1 },
    ];
    const [row] = rankProposals([{ id: 'a' }], criteria, scores);
    assert.equal(row!.reviewers, 2);
    assert.deepEqual(
      row!.criteria.map((criterion) => criterion.mean),
      [4, 4],
    );
    assert.equal(row!.total, 80);
  });

  it('has no totals without criteria or without proposals', () => {
    assert.deepEqual(rankProposals([], criteria, []), []);
    const [row] = rankProposals([{ id: 'a' }], [], sheets(['a', 'r1', 5, 5]));
    assert.equal(row!.total, null);
    assert.equal(row!.complete, false);
  });

  it('scales weights that do not add up to 100 (an old challenge): 5 on everything is 100', () => {
    const [row] = rankProposals(
      [{ id: 'a' }],
      [
        { id: 'Impacto', name: 'Impacto', weight: 30 },
        { id: 'Costo', name: 'Costo', weight: 20 },
      ],
      [
        { proposalId: 'a', reviewerId: 'r1', criterionId: 'Impacto', score: 5 },
        { proposalId: 'a', reviewerId: 'r1', criterionId: 'Costo', score: 5 },
      ],
    );
    assert.equal(row!.total, 100);
  });
});

import type { ChallengePageSection } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { personView } from '../people/index.ts';
import { deliveredSolutions, endorsementsOf } from './endorsements.ts';

/** The challenge page shows how the people who had the problem endorse its delivered solutions. */
export function endorsementsOnChallengePage(db: Db): ChallengePageSection {
  return {
    name: 'endorsements',
    load: async (challenge) => {
      const solutions = await deliveredSolutions(db, challenge.id);
      const rows = await endorsementsOf(
        db,
        solutions.map((solution) => solution.id),
      );
      return {
        solutions: solutions.map((solution) => ({
          ...solution,
          endorsements: rows
            .filter((row) => row.proposalId === solution.id)
            .map((row) => ({ ...row, person: personView(row.person) })),
        })),
      };
    },
  };
}

import { subjectHistory } from '../audit/index.ts';
import type { Db } from '../db/index.ts';
import { proposalTransitions } from './lifecycle.ts';

const statusActions = ['create', ...Object.keys(proposalTransitions)].map(
  (name) => `proposal.${name}`,
);

/** Status changes of a proposal, oldest first, from its audit trail. */
export function proposalHistory(db: Db, proposalId: string) {
  return subjectHistory(db, 'proposal', proposalId, statusActions);
}

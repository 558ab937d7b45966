import type { Challenge, User } from '../../models/schema/index.ts';

type QuestionedChallenge = Pick<Challenge, 'status' | 'archived'>;
type Writer = Pick<User, 'id' | 'deletedAt'> | undefined;

/** Questions are asked and answered while the work is still ahead: published, not finished. */
export function takesQuestions(challenge: QuestionedChallenge): boolean {
  return (challenge.status === 'open' || challenge.status === 'in_progress') && !challenge.archived;
}

/** Anyone signed in asks the organization in public while the challenge takes questions. */
export function canAskQuestion(user: Writer, challenge: QuestionedChallenge): boolean {
  return Boolean(user && !user.deletedAt) && takesQuestions(challenge);
}

/** Anyone signed in answers, not only the organization: volunteers often know the answer too. */
export function canAnswerQuestion(user: Writer, challenge: QuestionedChallenge): boolean {
  return Boolean(user && !user.deletedAt) && takesQuestions(challenge);
}

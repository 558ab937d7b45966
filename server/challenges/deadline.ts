import type { Challenge } from '../../models/schema/index.ts';
import { dayInMexico } from './browse-service.ts';

/** A deadline is a calendar date in Mexico; it has passed once that day is over there. */
export function isPastDeadline(deadline: string | null, now: Date = new Date()): boolean {
  return deadline !== null && deadline < dayInMexico(now);
}

/**
 * Publishing or reopening a challenge whose deadline has passed would show it open until a date
 * already gone (and the deadline job would close it again within the hour).
 */
export function opensPastDeadline(
  transition: string,
  challenge: Pick<Challenge, 'deadline'>,
  now: Date = new Date(),
): boolean {
  return (
    (transition === 'publish' || transition === 'reopen') && isPastDeadline(challenge.deadline, now)
  );
}

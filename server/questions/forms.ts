import { z } from 'zod';

export const BODY_MIN = 10;
export const BODY_MAX = 4000;

const body = z
  .string()
  .trim()
  .min(BODY_MIN, 'questions.errors.bodyTooShort')
  .max(BODY_MAX, 'questions.errors.bodyTooLong');

/** A question to the challenge's organization, in Markdown. */
export const questionForm = z.object({ body });

/** An answer to one question, in Markdown. */
export const answerForm = z.object({ body });

/** The typed text as it came, kept to show it again when it is refused. */
export function bodyValue(raw: unknown): { body: string } {
  const value = (raw as { body?: unknown } | undefined)?.body;
  return { body: typeof value === 'string' ? value : '' };
}

import fs from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../lib/index.ts';
import { challengeStatuses } from '../../models/schema/index.ts';

// A dozen challenges, written the way organizations would write them; the text lives in
// demo-challenges.json and is checked here when the seed loads it. The status is where a
// challenge starts: the seeded proposals move three of them on, as real work would.
const demoChallenge = z.strictObject({
  slug: z.string(),
  organizationSlug: z.string(),
  title: z.string(),
  pitch: z.string().max(160),
  problem: z.string(),
  affected: z.string(),
  successCriteria: z.string(),
  status: z.enum(challengeStatuses),
  stateCode: z.string().nullable(),
  municipality: z.string().nullable(),
  sdgs: z.array(z.number().int().min(1).max(17)),
  skills: z.array(z.string()),
  /** Days from the seeding date; negative is in the past. */
  deadlineInDays: z.number().int().nullable(),
  publishedDaysAgo: z.number().int().nullable(),
});

export type DemoChallenge = z.infer<typeof demoChallenge>;

export const demoChallenges: DemoChallenge[] = z
  .array(demoChallenge)
  .parse(
    JSON.parse(fs.readFileSync(projectPath('server', 'seed', 'demo-challenges.json'), 'utf8')),
  );

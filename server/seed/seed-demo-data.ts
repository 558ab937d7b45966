import { count } from 'drizzle-orm';
import { organizations, users } from '../../models/schema/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { repositoryApiUrl } from '../github/index.ts';
import type { Logger } from '../logger.ts';
import { seedDemoActivity } from './demo-activity.ts';
import { demoChallenges } from './demo-challenges.ts';
import { insertDemoGround } from './demo-ground.ts';
import { demoMembers, demoOrganizations, demoVolunteers } from './demo-organizations.ts';
import { seedDemoProposals } from './demo-proposals.ts';

export interface SeedOptions {
  config: Config;
  logger: Logger;
  /** What the challenges' dates are counted from. */
  now?: Date;
}

export async function isDatabaseEmpty(db: Pick<Db, 'select'>): Promise<boolean> {
  const [row] = await db.select({ organizations: count() }).from(organizations);
  const [people] = await db.select({ users: count() }).from(users);
  return Number(row?.organizations) === 0 && Number(people?.users) === 0;
}

/**
 * Fills an empty database with realistic Spanish demo content, and does nothing to one that is
 * not empty (undefined). Organizations, people and challenges are inserted; everything that
 * happens to them after goes through the features' services, so the demo keeps their rules,
 * audit trail and emails.
 */
export async function seedDemoData(db: Db, options: SeedOptions) {
  if (!(await isDatabaseEmpty(db))) return undefined;
  const { config, logger } = options;
  const cast = await insertDemoGround(db, options.now ?? new Date());
  const proposals = await seedDemoProposals(db, cast, repositoryApiUrl(config));
  await seedDemoActivity({ db, config, logger }, cast);
  return {
    organizations: demoOrganizations.length,
    users: demoMembers.length + demoVolunteers.length,
    challenges: demoChallenges.length + 1,
    proposals,
  };
}

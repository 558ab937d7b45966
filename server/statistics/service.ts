import { eq } from 'drizzle-orm';
import { mexicanStates } from '../../models/mexican-states.ts';
import { sdgNumbers } from '../../models/sustainable-development-goals.ts';
import { organizations, type Organization } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { BadRequestError } from '../errors.ts';
import { dayInMexico } from '../lib/index.ts';
import { moneyByOffice, type MoneyByOffice } from './money-queries.ts';
import {
  challengesBySdg,
  stageMedians,
  stagesByState,
  type ChallengeScope,
  type Medians,
  type StageCounts,
  type StateStages,
} from './stage-queries.ts';

export interface StatisticsFilters {
  /** A state code, or 'national' for challenges with no state. */
  state?: string;
  organizationSlug?: string;
  /** The instant whose day in Mexico decides which pledges are overdue; now by default. */
  now?: Date;
}

export interface Statistics {
  organization: Pick<Organization, 'id' | 'slug' | 'name' | 'kind'> | undefined;
  /** Every state in the order of models/mexican-states.ts, then the national challenges. */
  byState: StateStages[];
  funnel: StageCounts;
  /** All 17 goals, in order. */
  bySdg: { sdg: number; challenges: number }[];
  money: MoneyByOffice;
  medians: Medians;
}

const noStages = (): StageCounts => ({
  published: 0,
  proposed: 0,
  started: 0,
  delivered: 0,
  adopted: 0,
  validated: 0,
});

const stageNames = Object.keys(noStages()) as (keyof StageCounts)[];

/** The organization a filter names; an unknown slug is a bad link (400), not a missing page. */
async function organizationBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
    })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!row) throw new BadRequestError('statistics.errors.organization');
  return row;
}

/** Every state in the order of models/mexican-states.ts, then the national row; none left out. */
export function byStateInOrder(states: StateStages[]): StateStages[] {
  const stagesOf = new Map(states.map((row) => [row.stateCode, row]));
  return [...mexicanStates.map((state) => state.code), null].map(
    (stateCode) => stagesOf.get(stateCode) ?? { stateCode, ...noStages() },
  );
}

/** The funnel: each stage summed over the states (and the national challenges). */
export function funnelOf(byState: StateStages[]): StageCounts {
  const funnel = noStages();
  for (const row of byState) for (const stage of stageNames) funnel[stage] += row[stage];
  return funnel;
}

/** Every figure of /estadisticas, each from SQL aggregates, for the filters given. */
export async function statistics(db: Db, filters: StatisticsFilters = {}): Promise<Statistics> {
  const organization = filters.organizationSlug
    ? await organizationBySlug(db, filters.organizationSlug)
    : undefined;
  const scope: ChallengeScope = { state: filters.state, organizationId: organization?.id };
  const today = dayInMexico(filters.now ?? new Date());
  const [states, sdgs, money, medians] = await Promise.all([
    stagesByState(db, scope),
    challengesBySdg(db, scope),
    moneyByOffice(db, scope, today),
    stageMedians(db, scope),
  ]);

  const byState = byStateInOrder(states);
  const funnel = funnelOf(byState);

  const sdgCounts = new Map(sdgs.map((row) => [row.sdg, row.challenges]));
  const bySdg = sdgNumbers.map((sdg) => ({ sdg, challenges: sdgCounts.get(sdg) ?? 0 }));

  return { organization, byState, funnel, bySdg, money, medians };
}

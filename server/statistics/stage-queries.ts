import { sql, type SQL } from 'drizzle-orm';
import { adoptions, challenges, endorsements, proposals } from '../../models/schema/index.ts';
import { queryRows, type Db } from '../db/index.ts';

// How far each published challenge got, read from its proposals: a proposal that counts
// (submitted onwards, not withdrawn), one that is in progress or further, one delivered, one
// adopted (an adoption recorded), and one adopted and endorsed by the community. Each stage is
// a subset of the one before, so the funnel only narrows.

export interface ChallengeScope {
  /** A state code, or 'national' for challenges with no state. */
  state?: string;
  organizationId?: string;
}

/** Published as /retos lists them: not a draft, not archived, with a publication time. */
export function publishedWhere(scope: ChallengeScope): SQL {
  const conditions = [
    sql`${challenges.status} <> 'draft'`,
    sql`${challenges.archived} = false`,
    sql`${challenges.publishedAt} is not null`,
  ];
  if (scope.state === 'national') conditions.push(sql`${challenges.stateCode} is null`);
  else if (scope.state) conditions.push(sql`${challenges.stateCode} = ${scope.state}`);
  if (scope.organizationId)
    conditions.push(sql`${challenges.organizationId} = ${scope.organizationId}`);
  return sql.join(conditions, sql` and `);
}

/** The published challenges in scope and, for those with proposals, the stages they reached. */
function withStages(scope: ChallengeScope): SQL {
  return sql`with published as (
    select ${challenges.id} as id, ${challenges.stateCode} as state_code,
      ${challenges.publishedAt} as published_at
    from ${challenges} where ${publishedWhere(scope)}
  ),
  first_adoptions as (
    select ${adoptions.proposalId} as proposal_id, min(${adoptions.createdAt}) as adopted_at
    from ${adoptions} group by ${adoptions.proposalId}
  ),
  stages as (
    select p.challenge_id,
      min(p.submitted_at) filter (where p.status <> 'withdrawn') as first_proposal_at,
      bool_or(p.status in ('in_progress', 'delivered', 'adopted')) as started,
      min(p.delivered_at) filter (where p.status in ('delivered', 'adopted')) as delivered_at,
      min(fa.adopted_at) as adopted_at,
      bool_or(fa.proposal_id is not null and exists (
        select 1 from ${endorsements} e where e.proposal_id = p.id
      )) as validated
    from ${proposals} p
    join published on published.id = p.challenge_id
    left join first_adoptions fa on fa.proposal_id = p.id
    where p.status <> 'draft'
    group by p.challenge_id
  )`;
}

export interface StageCounts {
  published: number;
  proposed: number;
  started: number;
  delivered: number;
  adopted: number;
  validated: number;
}

export type StateStages = StageCounts & { stateCode: string | null };

/** The funnel's counts for each state (null: national challenges). */
export async function stagesByState(db: Db, scope: ChallengeScope): Promise<StateStages[]> {
  return queryRows<StateStages>(
    db,
    sql`${withStages(scope)}
    select published.state_code as "stateCode",
      count(*)::int as published,
      count(s.first_proposal_at)::int as proposed,
      (count(*) filter (where s.started))::int as started,
      count(s.delivered_at)::int as delivered,
      count(s.adopted_at)::int as adopted,
      (count(*) filter (where s.validated))::int as validated
    from published left join stages s on s.challenge_id = published.id
    group by published.state_code`,
  );
}

export interface MedianDays {
  /** The median in days; null when no challenge reached the stage. */
  days: number | null;
  /** How many challenges the median is over. */
  count: number;
}

export interface Medians {
  toFirstProposal: MedianDays;
  toDelivery: MedianDays;
  toAdoption: MedianDays;
}

const SECONDS_PER_DAY = 86_400;

const medianOf = (column: string) =>
  sql.raw(
    `percentile_cont(0.5) within group (order by extract(epoch from (s.${column} - published.published_at))::float8)`,
  );

/** Median time from publication to the first proposal, the first delivery and the first adoption. */
export async function stageMedians(db: Db, scope: ChallengeScope): Promise<Medians> {
  type Row = Record<'first' | 'delivery' | 'adoption', number | null> &
    Record<'firstCount' | 'deliveryCount' | 'adoptionCount', number>;
  const [row] = await queryRows<Row>(
    db,
    sql`${withStages(scope)}
    select ${medianOf('first_proposal_at')} as first, count(s.first_proposal_at)::int as "firstCount",
      ${medianOf('delivered_at')} as delivery, count(s.delivered_at)::int as "deliveryCount",
      ${medianOf('adopted_at')} as adoption, count(s.adopted_at)::int as "adoptionCount"
    from published join stages s on s.challenge_id = published.id`,
  );
  const days = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? null : Number(seconds) / SECONDS_PER_DAY;
  return {
    toFirstProposal: { days: days(row?.first), count: row?.firstCount ?? 0 },
    toDelivery: { days: days(row?.delivery), count: row?.deliveryCount ?? 0 },
    toAdoption: { days: days(row?.adoption), count: row?.adoptionCount ?? 0 },
  };
}

/** How many published challenges name each Sustainable Development Goal. */
export async function challengesBySdg(
  db: Db,
  scope: ChallengeScope,
): Promise<{ sdg: number; challenges: number }[]> {
  return queryRows(
    db,
    sql`select goal.sdg::int as sdg, count(*)::int as challenges
    from ${challenges}, unnest(${challenges.sdgs}) as goal(sdg)
    where ${publishedWhere(scope)}
    group by goal.sdg`,
  );
}

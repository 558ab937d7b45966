import { sql, type SQL } from 'drizzle-orm';
import { challenges, organizations, sponsorships } from '../../models/schema/index.ts';
import { queryRows, type Db } from '../db/index.ts';
import { publishedWhere, type ChallengeScope } from './stage-queries.ts';

// Money and support by office: every pledge counts once, under its status; an overdue pledge
// (still pledged, past its promised day in Mexico) is counted again under "overdue".

export const moneyColumns = [
  'pledged',
  'overdue',
  'fulfilled',
  'confirmed',
  'disputed',
  'withdrawn',
] as const;
export type MoneyColumn = (typeof moneyColumns)[number];

/** Pledges (of any kind) and prize money (centavos) in one column. */
export interface MoneyCell {
  count: number;
  centavos: number;
}

export type MoneyRow = Record<MoneyColumn, MoneyCell> & {
  /** Pledges not withdrawn, and their prize money: what the office still stands behind. */
  backing: MoneyCell;
};

export interface OfficeMoney extends MoneyRow {
  slug: string;
  name: string;
}

/** Offices the page lists, most money first; the ledger has every pledge. */
export const OFFICES_SHOWN = 20;

function cellColumns(column: MoneyColumn | 'backing', condition: SQL): SQL {
  return sql`(count(*) filter (where ${condition}))::int as ${sql.identifier(`${column}Count`)},
    coalesce(sum(${sponsorships.amountCentavos}) filter (where ${condition}), 0)::text as ${sql.identifier(`${column}Centavos`)}`;
}

function columns(today: string): SQL {
  const status = (value: string) => sql`${sponsorships.status} = ${value}`;
  return sql.join(
    [
      cellColumns('pledged', status('pledged')),
      cellColumns('overdue', sql`${status('pledged')} and ${sponsorships.dueOn} < ${today}`),
      cellColumns('fulfilled', status('fulfilled')),
      cellColumns('confirmed', status('confirmed')),
      cellColumns('disputed', status('disputed')),
      cellColumns('withdrawn', status('withdrawn')),
      cellColumns('backing', sql`${sponsorships.status} <> 'withdrawn'`),
    ],
    sql`, `,
  );
}

type RawRow = Record<string, string | number>;

function moneyRow(raw: RawRow): MoneyRow {
  const cell = (column: string): MoneyCell => ({
    count: Number(raw[`${column}Count`] ?? 0),
    centavos: Number(raw[`${column}Centavos`] ?? 0),
  });
  return {
    pledged: cell('pledged'),
    overdue: cell('overdue'),
    fulfilled: cell('fulfilled'),
    confirmed: cell('confirmed'),
    disputed: cell('disputed'),
    withdrawn: cell('withdrawn'),
    backing: cell('backing'),
  };
}

/**
 * Pledges on published challenges in scope. Filtered by organization, that is the pledges the
 * organization made as an office and those made on its own challenges.
 */
function pledgesWhere(scope: ChallengeScope): SQL {
  const { organizationId, ...place } = scope;
  const conditions = [publishedWhere(place)];
  if (organizationId) {
    conditions.push(
      sql`(${challenges.organizationId} = ${organizationId} or ${sponsorships.organizationId} = ${organizationId})`,
    );
  }
  return sql.join(conditions, sql` and `);
}

export interface MoneyByOffice {
  offices: OfficeMoney[];
  /** How many offices have pledges in scope (the page lists the first OFFICES_SHOWN). */
  officeCount: number;
  total: MoneyRow;
}

/** Money and support by office, and the total, for pledges on published challenges in scope. */
export async function moneyByOffice(
  db: Db,
  scope: ChallengeScope,
  today: string,
): Promise<MoneyByOffice> {
  const from = sql`from ${sponsorships}
    join ${challenges} on ${challenges.id} = ${sponsorships.challengeId}
    join ${organizations} on ${organizations.id} = ${sponsorships.organizationId}
    where ${pledgesWhere(scope)}`;
  const [perOffice, totals] = await Promise.all([
    queryRows<RawRow & { slug: string; name: string }>(
      db,
      sql`select ${organizations.slug} as slug, ${organizations.name} as name, ${columns(today)}
      ${from}
      group by ${organizations.id}, ${organizations.slug}, ${organizations.name}
      order by coalesce(sum(${sponsorships.amountCentavos}) filter (where ${sponsorships.status} <> 'withdrawn'), 0) desc,
        (count(*) filter (where ${sponsorships.status} <> 'withdrawn')) desc, ${organizations.name}, ${organizations.id}
      limit ${OFFICES_SHOWN}`,
    ),
    queryRows<RawRow>(
      db,
      sql`select count(distinct ${sponsorships.organizationId})::int as "officeCount", ${columns(today)} ${from}`,
    ),
  ]);
  const total = totals[0] ?? {};
  return {
    offices: perOffice.map((raw) => ({ slug: raw.slug, name: raw.name, ...moneyRow(raw) })),
    officeCount: Number(total.officeCount ?? 0),
    total: moneyRow(total),
  };
}

/** An office's own pledges on published challenges, by status, for its organization page. */
export async function pledgesOfOffice(db: Db, officeId: string, today: string): Promise<MoneyRow> {
  const [row] = await queryRows<RawRow>(
    db,
    sql`select ${columns(today)}
    from ${sponsorships} join ${challenges} on ${challenges.id} = ${sponsorships.challengeId}
    where ${publishedWhere({})} and ${sponsorships.organizationId} = ${officeId}`,
  );
  return moneyRow(row ?? {});
}

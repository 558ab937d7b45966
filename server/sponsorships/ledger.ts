import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  challenges,
  organizations,
  sponsorshipFulfilments,
  sponsorshipKinds,
  sponsorshipResponses,
  sponsorships,
  sponsorshipStatuses,
} from '../../models/schema/index.ts';
import { mexicanStates } from '../../models/mexican-states.ts';
import type { Db } from '../db/index.ts';

const stateCodes = mexicanStates.map((state) => state.code) as [string, ...string[]];
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The ledger's filters, from the query string; an unknown value is a clear 422, never a 500. */
export const ledgerFilters = z.object({
  oficina: z.preprocess(blankAsUndefined, z.string().max(200).optional()),
  entidad: z.preprocess(blankAsUndefined, z.enum(stateCodes).optional()),
  tipo: z.preprocess(blankAsUndefined, z.enum(sponsorshipKinds).optional()),
  estado: z.preprocess(blankAsUndefined, z.enum(sponsorshipStatuses).optional()),
});
export type LedgerFilters = z.infer<typeof ledgerFilters>;

const challengeOrganizations = alias(organizations, 'challenge_organizations');

function where(filters: LedgerFilters): SQL | undefined {
  return and(
    filters.oficina ? eq(organizations.slug, filters.oficina) : undefined,
    filters.entidad ? eq(challenges.stateCode, filters.entidad) : undefined,
    filters.tipo ? eq(sponsorships.kind, filters.tipo) : undefined,
    filters.estado ? eq(sponsorships.status, filters.estado) : undefined,
  );
}

/** Pledged, unfulfilled and past its promised day (`today`, in Mexico): overdue. */
export const overdueSql = (today: string) =>
  sql<boolean>`(${sponsorships.status} = 'pledged' and ${sponsorships.dueOn} is not null and ${sponsorships.dueOn} < ${today})`;

// The office's latest recorded delivery and the receiver's answer to it, one column each.
const latestFulfilment = (column: string) =>
  sql<
    string | null
  >`(select ${sql.identifier(column)}::text from ${sponsorshipFulfilments} where ${sponsorshipFulfilments.sponsorshipId} = ${sponsorships.id} order by ${sponsorshipFulfilments.createdAt} desc, ${sponsorshipFulfilments.id} desc limit 1)`;
const latestResponseNote = sql<
  string | null
>`(select ${sponsorshipResponses.note} from ${sponsorshipResponses} where ${sponsorshipResponses.sponsorshipId} = ${sponsorships.id} order by ${sponsorshipResponses.createdAt} desc, ${sponsorshipResponses.id} desc limit 1)`;

const base = (db: Db, today: string) =>
  db
    .select({
      id: sponsorships.id,
      createdAt: sponsorships.createdAt,
      updatedAt: sponsorships.updatedAt,
      kind: sponsorships.kind,
      status: sponsorships.status,
      overdue: overdueSql(today),
      amountCentavos: sponsorships.amountCentavos,
      description: sponsorships.description,
      terms: sponsorships.terms,
      dueOn: sponsorships.dueOn,
      version: sponsorships.version,
      fulfilledAt: sponsorships.fulfilledAt,
      confirmedAt: sponsorships.confirmedAt,
      disputedAt: sponsorships.disputedAt,
      withdrawnAt: sponsorships.withdrawnAt,
      withdrawalReason: sponsorships.withdrawalReason,
      delivered: latestFulfilment('delivered'),
      deliveredOn: latestFulfilment('delivered_on'),
      evidenceUrl: latestFulfilment('evidence_url'),
      responseNote: latestResponseNote,
      officeSlug: organizations.slug,
      officeName: organizations.name,
      challengeSlug: challenges.slug,
      challengeTitle: challenges.title,
      challengeOrganization: challengeOrganizations.name,
      stateCode: challenges.stateCode,
      municipality: challenges.municipality,
    })
    .from(sponsorships)
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
    .innerJoin(challengeOrganizations, eq(challengeOrganizations.id, challenges.organizationId));

export type LedgerRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

/** Every sponsorship matching the filters, newest first (the downloads are complete). */
export async function ledgerRows(db: Db, filters: LedgerFilters, today: string) {
  return base(db, today)
    .where(where(filters))
    .orderBy(desc(sponsorships.createdAt), desc(sponsorships.id));
}

/** One page of the sponsorships matching the filters, newest first, for the ledger page. */
export async function ledgerPageRows(
  db: Db,
  filters: LedgerFilters,
  window: { limit: number; offset: number },
  today: string,
) {
  return base(db, today)
    .where(where(filters))
    .orderBy(desc(sponsorships.createdAt), desc(sponsorships.id))
    .limit(window.limit)
    .offset(window.offset);
}

// Prize money summed per step of the pledge; overdue pledges are also counted in `pledged`.
const sumWhere = (condition: SQL) =>
  sql<string>`coalesce(sum(${sponsorships.amountCentavos}) filter (where ${condition}), 0)::text`;
const byStatus = (status: string) => sumWhere(sql`${sponsorships.status} = ${status}`);

const totalColumns = (today: string) => ({
  count: sql<number>`count(*)::int`,
  overdueCount: sql<number>`(count(*) filter (where ${overdueSql(today)}))::int`,
  pledgedCentavos: byStatus('pledged'),
  fulfilledCentavos: byStatus('fulfilled'),
  confirmedCentavos: byStatus('confirmed'),
  disputedCentavos: byStatus('disputed'),
  withdrawnCentavos: byStatus('withdrawn'),
  overdueCentavos: sumWhere(overdueSql(today)),
});

const moneyKeys = [
  'pledgedCentavos',
  'fulfilledCentavos',
  'confirmedCentavos',
  'disputedCentavos',
  'withdrawnCentavos',
  'overdueCentavos',
] as const;
type MoneyKey = (typeof moneyKeys)[number];

// Sums come back as text and are read as exact integers (centavos), on both drivers.
const exact = <T extends Record<MoneyKey, string>>(row: T) => ({
  ...row,
  ...(Object.fromEntries(moneyKeys.map((key) => [key, Number(row[key])])) as Record<
    MoneyKey,
    number
  >),
});

const emptyTotals = {
  count: 0,
  overdueCount: 0,
  ...(Object.fromEntries(moneyKeys.map((key) => [key, '0'])) as Record<MoneyKey, string>),
};

/** Totals of prize money by status, overall, per office and per state, for the same filters. */
export async function ledgerTotals(db: Db, filters: LedgerFilters, today: string) {
  const filtered = where(filters);
  const columns = totalColumns(today);
  const [[overall], perOffice, perState] = await Promise.all([
    db
      .select(columns)
      .from(sponsorships)
      .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
      .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
      .where(filtered),
    db
      .select({ officeSlug: organizations.slug, officeName: organizations.name, ...columns })
      .from(sponsorships)
      .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
      .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
      .where(filtered)
      .groupBy(organizations.slug, organizations.name)
      .orderBy(asc(organizations.name)),
    db
      .select({ stateCode: challenges.stateCode, ...columns })
      .from(sponsorships)
      .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
      .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
      .where(filtered)
      .groupBy(challenges.stateCode)
      .orderBy(asc(challenges.stateCode)),
  ]);
  return {
    overall: exact(overall ?? emptyTotals),
    perOffice: perOffice.map(exact),
    perState: perState.map(exact),
  };
}

/** Every organization by name, for the ledger's office filter (the page keeps those it needs). */
export async function ledgerOffices(db: Db) {
  return db
    .select({ slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .orderBy(asc(organizations.name));
}

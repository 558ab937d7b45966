import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import {
  challenges,
  organizations,
  sponsorshipKinds,
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

const base = (db: Db) =>
  db
    .select({
      id: sponsorships.id,
      createdAt: sponsorships.createdAt,
      updatedAt: sponsorships.updatedAt,
      kind: sponsorships.kind,
      status: sponsorships.status,
      amountCentavos: sponsorships.amountCentavos,
      description: sponsorships.description,
      terms: sponsorships.terms,
      withdrawalReason: sponsorships.withdrawalReason,
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
export async function ledgerRows(db: Db, filters: LedgerFilters) {
  return base(db)
    .where(where(filters))
    .orderBy(desc(sponsorships.createdAt), desc(sponsorships.id));
}

/** One page of the sponsorships matching the filters, newest first, for the ledger page. */
export async function ledgerPageRows(
  db: Db,
  filters: LedgerFilters,
  window: { limit: number; offset: number },
) {
  return base(db)
    .where(where(filters))
    .orderBy(desc(sponsorships.createdAt), desc(sponsorships.id))
    .limit(window.limit)
    .offset(window.offset);
}

const totalColumns = {
  count: sql<number>`count(*)::int`,
  pledgedCentavos: sql<string>`coalesce(sum(${sponsorships.amountCentavos}) filter (where ${sponsorships.status} = 'pledged'), 0)::text`,
  fulfilledCentavos: sql<string>`coalesce(sum(${sponsorships.amountCentavos}) filter (where ${sponsorships.status} = 'fulfilled'), 0)::text`,
  withdrawnCentavos: sql<string>`coalesce(sum(${sponsorships.amountCentavos}) filter (where ${sponsorships.status} = 'withdrawn'), 0)::text`,
};

// Sums come back as text and are read as exact integers (centavos), on both drivers.
const exact = <
  T extends { pledgedCentavos: string; fulfilledCentavos: string; withdrawnCentavos: string },
>(
  row: T,
) => ({
  ...row,
  pledgedCentavos: Number(row.pledgedCentavos),
  fulfilledCentavos: Number(row.fulfilledCentavos),
  withdrawnCentavos: Number(row.withdrawnCentavos),
});

/** Totals of prize money by status, overall, per office and per state, for the same filters. */
export async function ledgerTotals(db: Db, filters: LedgerFilters) {
  const filtered = where(filters);
  const [overall] = await db
    .select(totalColumns)
    .from(sponsorships)
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
    .where(filtered);
  const perOffice = await db
    .select({ officeSlug: organizations.slug, officeName: organizations.name, ...totalColumns })
    .from(sponsorships)
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
    .where(filtered)
    .groupBy(organizations.slug, organizations.name)
    .orderBy(asc(organizations.name));
  const perState = await db
    .select({ stateCode: challenges.stateCode, ...totalColumns })
    .from(sponsorships)
    .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
    .innerJoin(challenges, eq(challenges.id, sponsorships.challengeId))
    .where(filtered)
    .groupBy(challenges.stateCode)
    .orderBy(asc(challenges.stateCode));
  return {
    overall: exact(
      overall ?? { count: 0, pledgedCentavos: '0', fulfilledCentavos: '0', withdrawnCentavos: '0' },
    ),
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

import type { Request, RequestHandler } from 'express';
import { mexicanStateName, mexicanStates } from '../../models/mexican-states.ts';
import { sponsorshipKinds, sponsorshipStatuses } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { ValidationError } from '../errors.ts';
import { sendCsv } from '../http/index.ts';
import {
  centavosAsDecimal,
  dayInMexico,
  pagerLinks,
  pageWindow,
  requestedPage,
  writeCsv,
} from '../lib/index.ts';
import {
  ledgerFilters,
  ledgerOffices,
  ledgerPageRows,
  ledgerRows,
  ledgerTotals,
  type LedgerFilters,
  type LedgerRow,
} from './ledger.ts';

function filtersOf(req: Request): LedgerFilters {
  const parsed = ledgerFilters.safeParse(req.query);
  if (!parsed.success) throw new ValidationError({}, 'sponsorships.errors.filterInvalid');
  return parsed.data;
}

/** The current filters as a query string, for download links and sharing. */
function queryOf(filters: LedgerFilters): string {
  const params = new URLSearchParams(
    Object.entries(filters).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Sponsorships a page of the ledger shows; the totals and the downloads cover every row. */
export const LEDGER_PAGE_SIZE = 50;

export function ledgerPage(db: Db): RequestHandler {
  return async (req, res) => {
    const filters = filtersOf(req);
    const today = dayInMexico(new Date());
    const [totals, offices] = await Promise.all([
      ledgerTotals(db, filters, today),
      ledgerOffices(db),
    ]);
    const window = pageWindow(
      totals.overall.count,
      requestedPage(req.query.pagina),
      LEDGER_PAGE_SIZE,
    );
    const rows = await ledgerPageRows(db, filters, window, today);
    res.render('sponsorships/ledger', {
      pageTitle: req.t('sponsorships.ledger.title'),
      metaDescription: req.t('sponsorships.ledger.intro'),
      current: 'sponsorships',
      filters,
      query: queryOf(filters),
      rows: rows.map((row) => ({ ...row, stateName: mexicanStateName(row.stateCode) })),
      pager: pagerLinks('/patrocinios', req.query, 'pagina', window, 'rows-heading'),
      totals: {
        ...totals,
        perState: totals.perState.map((row) => ({
          ...row,
          stateName: mexicanStateName(row.stateCode),
        })),
      },
      offices: offices.filter(
        (office) =>
          totals.perOffice.some((row) => row.officeSlug === office.slug) ||
          office.slug === filters.oficina,
      ),
      states: mexicanStates,
      kinds: sponsorshipKinds,
      statuses: sponsorshipStatuses,
    });
  };
}

const exportRow = (row: LedgerRow) => ({
  id: row.id,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
  office: row.officeName,
  office_slug: row.officeSlug,
  kind: row.kind,
  status: row.status,
  amount_mxn: row.amountCentavos === null ? '' : centavosAsDecimal(row.amountCentavos),
  amount_centavos: row.amountCentavos,
  description: row.description,
  terms: row.terms,
  due_on: row.dueOn ?? '',
  overdue: row.overdue,
  version: row.version,
  fulfilled_at: row.fulfilledAt?.toISOString() ?? '',
  confirmed_at: row.confirmedAt?.toISOString() ?? '',
  disputed_at: row.disputedAt?.toISOString() ?? '',
  withdrawn_at: row.withdrawnAt?.toISOString() ?? '',
  delivered: row.delivered ?? '',
  delivered_on: row.deliveredOn ?? '',
  evidence_url: row.evidenceUrl ?? '',
  response_note: row.responseNote ?? '',
  withdrawal_reason: row.withdrawalReason ?? '',
  challenge: row.challengeTitle,
  challenge_slug: row.challengeSlug,
  challenge_organization: row.challengeOrganization,
  state_code: row.stateCode ?? '',
  municipality: row.municipality ?? '',
});

// The download's columns, in order; the header is written even when no row matches.
const csvColumns = [
  'id',
  'created_at',
  'updated_at',
  'office',
  'office_slug',
  'kind',
  'status',
  'amount_mxn',
  'amount_centavos',
  'description',
  'terms',
  'due_on',
  'overdue',
  'version',
  'fulfilled_at',
  'confirmed_at',
  'disputed_at',
  'withdrawn_at',
  'delivered',
  'delivered_on',
  'evidence_url',
  'response_note',
  'withdrawal_reason',
  'challenge',
  'challenge_slug',
  'challenge_organization',
  'state_code',
  'municipality',
] as const satisfies readonly (keyof ReturnType<typeof exportRow>)[];

// Titles and names typed by anyone reach spreadsheets: writeCsv adds the BOM and defuses formulas.
export function ledgerCsv(db: Db): RequestHandler {
  return async (req, res) => {
    const rows = (await ledgerRows(db, filtersOf(req), dayInMexico(new Date())))
      .map(exportRow)
      // Spelled out, so a spreadsheet or a script reads the same word the JSON has.
      .map((row) => ({ ...row, overdue: String(row.overdue) }));
    sendCsv(res, 'patrocinios.csv', writeCsv(csvColumns, rows));
  };
}

export function ledgerJson(db: Db): RequestHandler {
  return async (req, res) => {
    const filters = filtersOf(req);
    const today = dayInMexico(new Date());
    const [rows, totals] = await Promise.all([
      ledgerRows(db, filters, today),
      ledgerTotals(db, filters, today),
    ]);
    res.json({ filters, count: rows.length, totals, sponsorships: rows.map(exportRow) });
  };
}

import { z } from 'zod';
import { mexicanStates } from '../../models/mexican-states.ts';
import type { ChallengeStatus, OrganizationKind } from '../../models/schema/index.ts';
import type { BrowseSort } from './browse-cursor.ts';

// The query string of /retos. Values are Spanish words, so shared links read well; each maps to
// what the database stores. Empty fields (a submitted form sends them all) mean "any".

export const statusValues = {
  abierto: 'open',
  'en-desarrollo': 'in_progress',
  resuelto: 'solved',
  cerrado: 'closed',
} as const satisfies Record<string, Exclude<ChallengeStatus, 'draft'>>;

export const kindValues = {
  comunidad: 'community',
  'organizacion-civil': 'ngo',
  gobierno: 'government',
  academica: 'academic',
} as const satisfies Record<string, OrganizationKind>;

export const sortValues = {
  relevancia: 'relevance',
  recientes: 'newest',
  cierre: 'deadline',
  propuestas: 'proposals',
  premio: 'prize',
} as const satisfies Record<string, BrowseSort>;

/** `entidad=nacional`: challenges with no state, whose reach is the whole country. */
export const NATIONAL = 'nacional';
export const MAX_SEARCH_LENGTH = 200;
export const MAX_SKILL_LENGTH = 50;

/** The parameters, in the order links write them. */
export const browseParams = [
  'q',
  'estado',
  'ods',
  'entidad',
  'habilidad',
  'tipo',
  'patrocinado',
  'orden',
] as const;
export type BrowseParam = (typeof browseParams)[number];

export interface BrowseFilters {
  q?: string;
  status?: Exclude<ChallengeStatus, 'draft'>;
  sdg?: number;
  /** A state code, or 'national' for challenges with no state. */
  state?: string;
  skill?: string;
  kind?: OrganizationKind;
  sponsored?: boolean;
}

export interface BrowseQuery {
  filters: BrowseFilters;
  /** The order used: the one asked for, or relevance with a search and newest without. */
  sort: BrowseSort;
  cursor?: string;
  /** The valid, non-empty parameters as given: what the form shows and links keep. */
  params: Partial<Record<BrowseParam, string>>;
}

export type BrowseQueryResult =
  | { ok: true; query: BrowseQuery }
  | {
      ok: false;
      /** What was asked for, as typed, to show the form again. */
      params: Partial<Record<BrowseParam, string>>;
      /** Per parameter, the translation key of what is wrong. */
      errors: Partial<Record<BrowseParam, string>>;
    };

const stateCodes = new Set<string>(mexicanStates.map((state) => state.code));

/** One trimmed string; an empty one is "not given", a repeated parameter is not a string. */
function single(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * One of the Spanish values. The names stored in the database (`estado=open`, `tipo=government`)
 * are read as their Spanish synonyms, so links built from stored values keep working.
 */
const oneOf = <T extends Record<string, string>>(values: T, error: string) =>
  z.preprocess(
    (value) => {
      const text = single(value);
      if (typeof text !== 'string' || Object.hasOwn(values, text)) return text;
      return Object.entries(values).find(([, stored]) => stored === text)?.[0] ?? text;
    },
    z
      .enum(Object.keys(values) as [keyof T & string, ...(keyof T & string)[]], { error })
      .optional(),
  );

const freeText = (max: number, error: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? single(value.replace(/\s+/g, ' ')) : value),
    z.string({ error }).max(max, { error }).optional(),
  );

/** State codes in capitals (`oax` → `OAX`), and `nacional` in any case. */
function stateParam(value: unknown): unknown {
  const text = single(value);
  if (typeof text !== 'string') return text;
  return text.toLowerCase() === NATIONAL ? NATIONAL : text.toUpperCase();
}

const schema = z.object({
  q: freeText(MAX_SEARCH_LENGTH, 'browse.errors.q'),
  estado: oneOf(statusValues, 'browse.errors.status'),
  ods: z.preprocess(
    single,
    z
      .string({ error: 'browse.errors.sdg' })
      .regex(/^(?:[1-9]|1[0-7])$/, { error: 'browse.errors.sdg' })
      .optional(),
  ),
  entidad: z.preprocess(
    stateParam,
    z
      .string({ error: 'browse.errors.state' })
      .refine((code) => code === NATIONAL || stateCodes.has(code), { error: 'browse.errors.state' })
      .optional(),
  ),
  habilidad: freeText(MAX_SKILL_LENGTH, 'browse.errors.skill'),
  tipo: oneOf(kindValues, 'browse.errors.kind'),
  patrocinado: z.preprocess(
    single,
    z.enum(['si', 'no'], { error: 'browse.errors.sponsored' }).optional(),
  ),
  orden: oneOf(sortValues, 'browse.errors.sort'),
});

/**
 * The cursor as given. A repeated one is kept joined with commas, which no cursor contains, so
 * the route answers it like any other broken link rather than as a filter to correct.
 */
function cursorOf(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.map(String).join(',') : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** What the visitor typed, as strings, for the form shown again with an error. */
function rawParams(query: Record<string, unknown>): Partial<Record<BrowseParam, string>> {
  const params: Partial<Record<BrowseParam, string>> = {};
  for (const name of browseParams) {
    const value = query[name];
    const text = Array.isArray(value) ? value.find((item) => typeof item === 'string') : value;
    if (typeof text === 'string' && text.trim() !== '') params[name] = text.trim();
  }
  return params;
}

/** Reads the filters, order and cursor of /retos from the query string; unknown names are ignored. */
export function parseBrowseQuery(query: Record<string, unknown>): BrowseQueryResult {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const errors: Partial<Record<BrowseParam, string>> = {};
    for (const issue of parsed.error.issues) {
      errors[issue.path[0] as BrowseParam] ??= issue.message;
    }
    return { ok: false, params: rawParams(query), errors };
  }
  const { q, estado, ods, entidad, habilidad, tipo, patrocinado, orden } = parsed.data;

  const filters: BrowseFilters = {};
  if (q) filters.q = q;
  if (estado) filters.status = statusValues[estado];
  if (ods) filters.sdg = Number(ods);
  if (entidad) filters.state = entidad === NATIONAL ? 'national' : entidad;
  if (habilidad) filters.skill = habilidad;
  if (tipo) filters.kind = kindValues[tipo];
  if (patrocinado) filters.sponsored = patrocinado === 'si';

  const asked = orden ? sortValues[orden] : undefined;
  const sort: BrowseSort =
    asked === 'relevance' || asked === undefined ? (q ? 'relevance' : 'newest') : asked;

  const params: Partial<Record<BrowseParam, string>> = {};
  const given = { q, estado, ods, entidad, habilidad, tipo, patrocinado, orden };
  for (const name of browseParams) {
    const value = given[name];
    if (value !== undefined) params[name] = value;
  }
  return { ok: true, query: { filters, sort, cursor: cursorOf(query.cursor), params } };
}

/** `/retos?…` with the given parameters, in a stable order; a cursor goes last. */
export function browseUrl(params: Partial<Record<BrowseParam, string>>, cursor?: string): string {
  const search = new URLSearchParams();
  for (const name of browseParams) {
    const value = params[name];
    if (value !== undefined) search.set(name, value);
  }
  if (cursor) search.set('cursor', cursor);
  const text = search.toString();
  return text ? `/retos?${text}` : '/retos';
}

import { mexicanStates } from '../../models/mexican-states.ts';

// The query string of /estadisticas: `entidad` takes what /retos takes (a state code in any case,
// or `nacional`), `organizacion` an organization's slug, `mapa` what the map colours.

export const NATIONAL = 'nacional';

export const mapModes = { publicados: 'published', adoptadas: 'adopted' } as const;
export type MapMode = (typeof mapModes)[keyof typeof mapModes];

export interface StatisticsQuery {
  /** A state code, or 'national' for challenges with no state. */
  state?: string;
  organizationSlug?: string;
  map: MapMode;
  /** The valid parameters as given, to build links that keep them. */
  params: { entidad?: string; organizacion?: string; mapa?: string };
}

const stateCodes = new Set<string>(mexicanStates.map((state) => state.code));
const MAX_SLUG_LENGTH = 200;

/** One trimmed string; empty is "not given"; a repeated parameter is not readable. */
function single(value: unknown): string | undefined | false {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The filters, or undefined when a value is not one we know (the route answers 400). */
export function parseStatisticsQuery(query: Record<string, unknown>): StatisticsQuery | undefined {
  const entidad = single(query.entidad);
  const organizacion = single(query.organizacion);
  const mapa = single(query.mapa);
  if (entidad === false || organizacion === false || mapa === false) return undefined;

  const parsed: StatisticsQuery = { map: 'published', params: {} };
  if (entidad !== undefined) {
    const code = entidad.toLowerCase() === NATIONAL ? NATIONAL : entidad.toUpperCase();
    if (code !== NATIONAL && !stateCodes.has(code)) return undefined;
    parsed.state = code === NATIONAL ? 'national' : code;
    parsed.params.entidad = code;
  }
  if (organizacion !== undefined) {
    if (organizacion.length > MAX_SLUG_LENGTH) return undefined;
    parsed.organizationSlug = organizacion;
    parsed.params.organizacion = organizacion;
  }
  if (mapa !== undefined) {
    if (!Object.hasOwn(mapModes, mapa)) return undefined;
    parsed.map = mapModes[mapa as keyof typeof mapModes];
    if (parsed.map !== 'published') parsed.params.mapa = mapa;
  }
  return parsed;
}

/** `/estadisticas?…` with the given parameters, in a stable order. */
export function statisticsUrl(params: StatisticsQuery['params']): string {
  const search = new URLSearchParams();
  for (const name of ['entidad', 'organizacion', 'mapa'] as const) {
    const value = params[name];
    if (value !== undefined) search.set(name, value);
  }
  const text = search.toString();
  return text ? `/estadisticas?${text}` : '/estadisticas';
}

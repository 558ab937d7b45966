import { LRUCache, type Perf } from 'lru-cache';
import type { Statistics, StatisticsFilters } from './service.ts';

// Every visitor to /estadisticas in the same minute sees the same figures: one computation per
// filter per minute, shared by requests that arrive while it runs, instead of one per request.

/** How long one computation of the figures is shown. */
export const STATISTICS_CACHE_MS = 60_000;
/** Filters kept at once: every state and national, each with and without a few organizations. */
export const STATISTICS_CACHE_ENTRIES = 500;

type Filters = Pick<StatisticsFilters, 'state' | 'organizationSlug'>;

export interface StatisticsCache {
  figures(filters: Filters): Promise<Statistics>;
}

export interface StatisticsCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** The clock that ages entries; tests pass their own. */
  clock?: Perf;
}

/** A key that two equal filters share whatever order or absence of their fields. */
const keyOf = (filters: Filters) =>
  JSON.stringify([filters.state ?? null, filters.organizationSlug ?? null]);

/**
 * Figures by filter, computed at most once per `ttlMs`; a computation that fails (an unknown
 * organization, a database error) is not kept, so the next request tries again.
 */
export function statisticsCache(
  compute: (filters: Filters) => Promise<Statistics>,
  options: StatisticsCacheOptions = {},
): StatisticsCache {
  const cache = new LRUCache<string, Statistics, Filters>({
    max: options.maxEntries ?? STATISTICS_CACHE_ENTRIES,
    ttl: options.ttlMs ?? STATISTICS_CACHE_MS,
    ...(options.clock ? { perf: options.clock } : {}),
    fetchMethod: (_key, _stale, { context }) => compute(context),
  });
  return {
    async figures(filters) {
      const figures = await cache.fetch(keyOf(filters), { context: filters });
      // fetchMethod always resolves to figures or rejects; undefined would be a bug here.
      if (!figures) throw new Error('statistics cache returned nothing');
      return figures;
    },
  };
}

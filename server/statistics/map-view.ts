import { mexicanStateName } from '../../models/mexican-states.ts';
import type { Translate } from '../i18n/index.ts';
import { statisticsUrl, type MapMode, type StatisticsQuery } from './filters.ts';
import { MAP_VIEW_BOX, stateShapes } from './map-shapes.ts';
import type { StateStages } from './stage-queries.ts';

// The choropleth as the view draws it: each state a shape linking to its challenges, coloured by
// one of a few buckets of the figure shown, with a legend, a reading in words and a table.

/** Non-empty colour buckets at most; bucket 0 is "none". */
export const MAP_BUCKETS = 4;

interface Bucket {
  bucket: number;
  from: number;
  to: number;
}

/** Equal steps from 1 to the largest value, at most MAP_BUCKETS of them. */
export function mapBuckets(max: number): Bucket[] {
  if (max <= 0) return [];
  const step = Math.ceil(max / MAP_BUCKETS);
  const buckets: Bucket[] = [];
  for (let from = 1, bucket = 1; from <= max; from += step, bucket++) {
    buckets.push({ bucket, from, to: Math.min(from + step - 1, max) });
  }
  return buckets;
}

const bucketOf = (value: number, buckets: Bucket[]) =>
  value <= 0 ? 0 : (buckets.find((b) => value <= b.to)?.bucket ?? buckets.length);

const valueOf = (row: StateStages, mode: MapMode) =>
  mode === 'adopted' ? row.adopted : row.published;

export function stateLink(code: string | null): string {
  return `/retos?entidad=${code ?? 'nacional'}`;
}

export function mapView(
  t: Translate,
  format: (value: number) => string,
  byState: StateStages[],
  query: Pick<StatisticsQuery, 'map' | 'params'>,
) {
  const mode = query.map;
  const states = byState.filter((row) => row.stateCode !== null);
  const national = byState.find((row) => row.stateCode === null);
  const rowOf = new Map(states.map((row) => [row.stateCode, row]));
  const max = Math.max(0, ...states.map((row) => valueOf(row, mode)));
  const buckets = mapBuckets(max);

  const shapes = stateShapes.map(({ code, path }) => {
    const row = rowOf.get(code)!;
    const name = mexicanStateName(code)!;
    return {
      code,
      path,
      href: stateLink(code),
      bucket: bucketOf(valueOf(row, mode), buckets),
      title: t('statistics.map.stateTitle', {
        state: name,
        published: t('statistics.map.published', {
          count: row.published,
          n: format(row.published),
        }),
        adopted: t('statistics.map.adopted', { count: row.adopted, n: format(row.adopted) }),
      }),
    };
  });

  const legend = [
    { bucket: 0, label: t('statistics.map.legendNone') },
    ...buckets.map((b) => ({
      bucket: b.bucket,
      label:
        b.from === b.to
          ? format(b.from)
          : t('statistics.map.legendRange', { from: format(b.from), to: format(b.to) }),
    })),
  ];

  // The state with the most of the figure shown; ties go to the first in the list.
  const top = states.reduce<StateStages | undefined>(
    (best, row) => (valueOf(row, mode) > (best ? valueOf(best, mode) : 0) ? row : best),
    undefined,
  );
  const reading = top
    ? `${t(mode === 'adopted' ? 'statistics.map.readingAdoptedTop' : 'statistics.map.readingTop', {
        state: mexicanStateName(top.stateCode),
        count: valueOf(top, mode),
        n: format(valueOf(top, mode)),
      })}${t(
        mode === 'adopted' ? 'statistics.map.readingOfPublished' : 'statistics.map.readingAdopted',
        {
          count: mode === 'adopted' ? top.published : top.adopted,
          n: format(mode === 'adopted' ? top.published : top.adopted),
        },
      )}`
    : t(mode === 'adopted' ? 'statistics.map.readingNoneAdopted' : 'statistics.map.readingNone');

  const tableRow = (row: StateStages) => ({
    name: row.stateCode ? mexicanStateName(row.stateCode) : t('statistics.map.national'),
    href: stateLink(row.stateCode),
    published: format(row.published),
    adopted: format(row.adopted),
  });
  const sum = (pick: (row: StateStages) => number) =>
    byState.reduce((total, row) => total + pick(row), 0);

  const switchLink = (target: MapMode, key: string) => ({
    label: t(key),
    href: statisticsUrl({ ...query.params, mapa: target === 'adopted' ? 'adoptadas' : undefined }),
    current: mode === target,
  });

  return {
    viewBox: MAP_VIEW_BOX,
    adoptedMode: mode === 'adopted',
    shapes,
    legend,
    reading,
    switchLinks: [
      switchLink('published', 'statistics.map.showPublished'),
      switchLink('adopted', 'statistics.map.showAdopted'),
    ],
    rows: [...states.map(tableRow), ...(national ? [tableRow(national)] : [])],
    totalPublished: format(sum((row) => row.published)),
    totalAdopted: format(sum((row) => row.adopted)),
  };
}

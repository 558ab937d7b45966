import mexico from '@svg-maps/mexico';
import type { MexicanStateCode } from '../../models/mexican-states.ts';

// The state outlines of @svg-maps/mexico (Victor Cazanave, CC BY 4.0), keyed by our INEGI
// abbreviations. The package names states by its own ids; this table maps them explicitly, so a
// renamed id fails loudly at start rather than leaving a state blank.

const packageIds: Record<string, MexicanStateCode> = {
  agu: 'AGS',
  bcn: 'BC',
  bcs: 'BCS',
  cam: 'CAMP',
  coa: 'COAH',
  col: 'COL',
  chp: 'CHIS',
  chh: 'CHIH',
  cmx: 'CDMX',
  dur: 'DGO',
  gua: 'GTO',
  gro: 'GRO',
  hid: 'HGO',
  jal: 'JAL',
  mex: 'MEX',
  mic: 'MICH',
  mor: 'MOR',
  nay: 'NAY',
  nle: 'NL',
  oax: 'OAX',
  pue: 'PUE',
  que: 'QRO',
  roo: 'QROO',
  slp: 'SLP',
  sin: 'SIN',
  son: 'SON',
  tab: 'TAB',
  tam: 'TAMPS',
  tla: 'TLAX',
  ver: 'VER',
  yuc: 'YUC',
  zac: 'ZAC',
};

interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}

const map = mexico as unknown as SvgMap;

export const MAP_VIEW_BOX = map.viewBox;

/** One outline per state, each with its state code. */
export const stateShapes: { code: MexicanStateCode; path: string }[] = map.locations.map(
  (location) => {
    const code = packageIds[location.id];
    if (!code) throw new Error(`@svg-maps/mexico: no state code for "${location.id}"`);
    return { code, path: location.path };
  },
);

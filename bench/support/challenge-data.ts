// Realistic, varied and reproducible bench data: organizations, challenges, proposals and
// sponsorships composed from Spanish word lists with a seeded random generator, so two runs
// (and PGlite and PostgreSQL in one run) hold exactly the same rows.
import { mexicanStates } from '../../models/mexican-states.ts';
import type {
  ChallengeStatus,
  NewChallenge,
  NewOrganization,
  OrganizationKind,
  ProposalStatus,
  SponsorshipStatus,
} from '../../models/schema/index.ts';
import { slugify } from '../../server/lib/slugify.ts';

/** mulberry32: a small, fast, seeded generator; the same seed gives the same data. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const chosen = new Set<T>();
    const wanted = int(min, max);
    while (chosen.size < wanted) chosen.add(pick(items));
    return [...chosen];
  };
  const weighted = <T>(choices: readonly [T, number][]): T => {
    let roll = next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll <= 0) return value;
    }
    return choices[choices.length - 1]![0];
  };
  return { next, int, pick, some, weighted };
}

const topics = [
  ['fugas de agua', [6, 11]],
  ['tandeo de agua potable', [6]],
  ['descargas al río', [6, 14, 15]],
  ['contaminación del lago', [6, 14]],
  ['calidad del aire', [3, 11, 13]],
  ['baches y banquetas', [9, 11]],
  ['alumbrado público', [7, 11]],
  ['rutas de transporte público', [9, 11]],
  ['ciclovías', [3, 11, 13]],
  ['refugios temporales', [1, 11, 13]],
  ['incendios forestales', [13, 15]],
  ['lluvias e inundaciones', [11, 13]],
  ['residuos sólidos', [11, 12]],
  ['reciclaje de plásticos', [12, 14]],
  ['huertos urbanos', [2, 11]],
  ['precios del tianguis', [1, 8]],
  ['comedores comunitarios', [1, 2]],
  ['bibliotecas comunitarias', [4]],
  ['becas escolares', [4, 10]],
  ['clínicas rurales', [3]],
  ['vacunación infantil', [3]],
  ['violencia de género', [5, 16]],
  ['personas desaparecidas', [16]],
  ['compras públicas', [16, 17]],
  ['presupuesto participativo', [16, 17]],
  ['árboles urbanos', [11, 13, 15]],
  ['energía solar en escuelas', [4, 7]],
  ['empleo para jóvenes', [8, 10]],
  ['lenguas indígenas', [4, 10]],
  ['accesibilidad para personas con discapacidad', [10, 11]],
] as const;

const tools = [
  'Mapa ciudadano de',
  'Alertas por SMS sobre',
  'Registro abierto de',
  'Directorio de',
  'Tablero de datos abiertos sobre',
  'Sistema de seguimiento de',
  'Reportes desde el celular sobre',
  'Observatorio de',
  'Catálogo sin internet de',
  'Calculadora pública de',
  'Asistente por WhatsApp sobre',
  'Bitácora comunitaria de',
];

const audiences = [
  'para escuelas',
  'por colonia',
  'en comunidades rurales',
  'en lengua indígena',
  'para personas mayores',
  'para el cabildo',
  'en tiempo real',
  'que funcione sin datos',
];

const problems = [
  'Hoy la información está dispersa en hojas de cálculo que nadie actualiza.',
  'Las denuncias se pierden porque no hay un registro público y verificable.',
  'Las familias esperan horas sin saber a quién acudir.',
  'El personal captura todo a mano y tarda semanas en publicar los datos.',
  'Muchas personas no tienen datos móviles constantes ni computadora.',
  'Las autoridades no saben dónde están los problemas más graves.',
  'Los datos existen, pero nadie los ha cruzado ni publicado en un formato abierto.',
  'La comunidad quiere vigilar el avance, pero no tiene cómo hacerlo.',
  'Cada temporada de lluvias el problema empeora y las respuestas llegan tarde.',
  'Las organizaciones duplican esfuerzos porque no comparten lo que saben.',
];

const skills = [
  'mapas',
  'PWA',
  'PostgreSQL',
  'Python',
  'Node.js',
  'APIs',
  'SMS',
  'WhatsApp',
  'diseño',
  'accesibilidad',
  'datos abiertos',
  'ciencia de datos',
  'estadística',
  'Android',
  'GTFS',
  'QGIS',
  'React',
  'Django',
  'Ruby on Rails',
  'PHP',
  'seguridad',
  'investigación de usuarios',
  'redacción',
  'traducción',
  'hardware',
  'sensores',
  'Raspberry Pi',
  'machine learning',
];

const capitals: Record<string, string> = {
  AGS: 'Aguascalientes',
  BC: 'Mexicali',
  BCS: 'La Paz',
  CAMP: 'Campeche',
  COAH: 'Saltillo',
  COL: 'Colima',
  CHIS: 'Tuxtla Gutiérrez',
  CHIH: 'Chihuahua',
  CDMX: 'Iztapalapa',
  DGO: 'Durango',
  GTO: 'León',
  GRO: 'Chilpancingo',
  HGO: 'Pachuca',
  JAL: 'Zapopan',
  MEX: 'Toluca',
  MICH: 'Morelia',
  MOR: 'Cuernavaca',
  NAY: 'Tepic',
  NL: 'Monterrey',
  OAX: 'Oaxaca de Juárez',
  PUE: 'San Pedro Cholula',
  QRO: 'Querétaro',
  QROO: 'Chetumal',
  SLP: 'San Luis Potosí',
  SIN: 'Culiacán',
  SON: 'Hermosillo',
  TAB: 'Villahermosa',
  TAMPS: 'Ciudad Victoria',
  TLAX: 'Tlaxcala',
  VER: 'Xalapa',
  YUC: 'Mérida',
  ZAC: 'Zacatecas',
};

const organizationNames: Record<OrganizationKind, string[]> = {
  community: [
    'Vecinos de',
    'Colectivo Ciudadano de',
    'Red Comunitaria de',
    'Asamblea de Barrio de',
  ],
  ngo: ['Fundación Cívica de', 'Datos para Todos', 'Observatorio Ciudadano de', 'Agua y Vida'],
  government: ['Ayuntamiento de', 'Secretaría de Innovación de', 'Instituto de Transparencia de'],
  academic: ['Laboratorio Cívico de', 'Universidad Tecnológica de', 'Instituto de Estudios de'],
};

const DAY_MS = 24 * 60 * 60 * 1000;
const KINDS: OrganizationKind[] = ['community', 'ngo', 'government', 'academic'];

export function benchOrganizations(count: number, seed = 7): NewOrganization[] {
  const random = randomSource(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!;
    const state = random.pick(mexicanStates);
    const name = `${random.pick(organizationNames[kind])} ${capitals[state.code]} ${i + 1}`;
    return {
      slug: `${slugify(name, 60)}-${i + 1}`,
      name,
      kind,
      stateCode: state.code,
      municipality: capitals[state.code],
      description: `Organización de ${state.name} que publica retos públicos.`,
      verifiedAt:
        kind === 'government' && random.next() < 0.7 ? new Date('2026-01-15T17:00:00Z') : null,
    };
  });
}

/** Challenges spread over the organizations, the states, every status, goal and skill. */
export function benchChallenges(
  count: number,
  organizationIds: string[],
  now: Date,
  seed = 42,
): NewChallenge[] {
  const random = randomSource(seed);
  return Array.from({ length: count }, (_, i) => {
    const [topic, sdgs] = random.pick(topics);
    const national = random.next() < 0.1;
    const state = random.pick(mexicanStates);
    const place = national ? 'todo el país' : capitals[state.code]!;
    const title = `${random.pick(tools)} ${topic} ${random.pick(audiences)}`;
    const status = random.weighted<ChallengeStatus>([
      ['open', 45],
      ['in_progress', 20],
      ['solved', 15],
      ['closed', 10],
      ['draft', 10],
    ]);
    const publishedAt =
      status === 'draft' ? null : new Date(now.getTime() - random.int(0, 730 * DAY_MS));
    // A deadline never comes before publication (the database checks it).
    const deadline =
      random.next() < 0.2
        ? null
        : new Date(
            Math.max(now.getTime() + random.int(-200, 200) * DAY_MS, publishedAt?.getTime() ?? 0),
          )
            .toISOString()
            .slice(0, 10);
    return {
      slug: `${slugify(title, 60)}-${i + 1}`,
      organizationId: organizationIds[random.int(0, organizationIds.length - 1)]!,
      title,
      pitch:
        `Que cualquier persona en ${place} pueda consultar y reportar ${topic} desde su teléfono.`.slice(
          0,
          160,
        ),
      problem: `${random.some(problems, 2, 4).join(' ')} El reto es sobre ${topic} en ${place}.`,
      affected: `Habitantes de ${place}.`,
      status,
      stateCode: national ? null : state.code,
      municipality: national ? null : capitals[state.code],
      sdgs: [...new Set([...sdgs, ...(random.next() < 0.3 ? [random.int(1, 17)] : [])])],
      skills: random.some(skills, 1, 4),
      deadline,
      archived: random.next() < 0.03,
      publishedAt,
      createdAt: new Date((publishedAt ?? now).getTime() - random.int(1, 30) * DAY_MS),
    };
  });
}

/** Proposal statuses for one challenge: most get none, some get several. */
export function benchProposalStatuses(random: ReturnType<typeof randomSource>): ProposalStatus[] {
  if (random.next() < 0.6) return [];
  return Array.from({ length: random.int(1, 6) }, () =>
    random.weighted<ProposalStatus>([
      ['submitted', 40],
      ['accepted', 10],
      ['in_progress', 10],
      ['delivered', 5],
      ['adopted', 3],
      ['declined', 10],
      ['draft', 12],
      ['withdrawn', 10],
    ]),
  );
}

export function benchSponsorshipStatus(
  random: ReturnType<typeof randomSource>,
): SponsorshipStatus | undefined {
  if (random.next() >= 0.12) return undefined;
  return random.weighted<SponsorshipStatus>([
    ['pledged', 6],
    ['fulfilled', 3],
    ['withdrawn', 1],
  ]);
}

import type { ChallengeStatus } from '../../models/schema/index.ts';

export interface DemoChallenge {
  slug: string;
  organizationSlug: string;
  title: string;
  pitch: string;
  problem: string;
  affected: string;
  successCriteria: string;
  status: ChallengeStatus;
  stateCode: string | null;
  municipality: string | null;
  sdgs: number[];
  skills: string[];
  /** Days from the seeding date; negative is in the past. */
  deadlineInDays: number | null;
  publishedDaysAgo: number | null;
}

// A dozen challenges in every status, written the way organizations would write them.
export const demoChallenges: DemoChallenge[] = [
  {
    slug: 'mapa-de-descargas-al-rio-atoyac',
    organizationSlug: 'vecinos-del-rio-atoyac',
    title: 'Mapa ciudadano de descargas al río Atoyac',
    pitch:
      'Registrar desde el celular cada descarga de aguas residuales al río, con foto y ubicación, para exigir su cierre.',
    problem:
      'La contaminación del Atoyac afecta a más de 40 comunidades. Las denuncias se pierden porque no hay un registro público y verificable de las descargas.',
    affected:
      'Familias de San Pedro Cholula, San Andrés Cholula y otras comunidades ribereñas que usan el río para riego y conviven con sus olores.',
    successCriteria:
      'Cada descarga tiene un folio público, ubicación y fotos, y las autoridades responden en el mismo mapa.',
    status: 'open',
    stateCode: 'PUE',
    municipality: 'San Pedro Cholula',
    sdgs: [6, 14, 15],
    skills: ['mapas', 'PWA', 'PostgreSQL'],
    deadlineInDays: 75,
    publishedDaysAgo: 4,
  },
  {
    slug: 'catalogo-del-tianguis-sin-internet',
    organizationSlug: 'mercado-colectivo-tlacolula',
    title: 'Catálogo del tianguis que funcione sin internet',
    pitch:
      'Un catálogo de productos y precios del tianguis de Tlacolula que se pueda consultar y compartir sin datos móviles.',
    problem:
      'Muchas productoras no tienen datos móviles constantes y los compradores de fuera no saben qué se vende cada domingo.',
    affected:
      'Más de 300 productoras y productores del tianguis dominical, muchos hablantes de zapoteco.',
    successCriteria:
      'Compradores de fuera saben qué hay cada domingo y las ventas de las productoras suben.',
    status: 'open',
    stateCode: 'OAX',
    municipality: 'Tlacolula de Matamoros',
    sdgs: [1, 8],
    skills: ['PWA', 'diseño', 'accesibilidad'],
    deadlineInDays: 40,
    publishedDaysAgo: 9,
  },
  {
    slug: 'alertas-de-tandeo-de-agua',
    organizationSlug: 'agua-para-todos-ac',
    title: 'Alertas de tandeo de agua por colonia',
    pitch:
      'Avisar por SMS o WhatsApp a cada colonia cuándo llegará el agua durante el tandeo, con datos del organismo operador.',
    problem:
      'En temporada de estiaje las familias esperan horas sin saber cuándo llegará el agua y pierden jornadas de trabajo.',
    affected: 'Unas 40,000 familias de colonias del norte de Monterrey con servicio por tandeo.',
    successCriteria:
      'Las familias reciben el aviso con al menos dos horas de anticipación y dejan de perder jornadas.',
    status: 'in_progress',
    stateCode: 'NL',
    municipality: 'Monterrey',
    sdgs: [6, 11],
    skills: ['APIs', 'SMS', 'Node.js'],
    deadlineInDays: 20,
    publishedDaysAgo: 45,
  },
  {
    slug: 'prestamo-de-libros-en-tsotsil',
    organizationSlug: 'red-de-bibliotecas-comunitarias',
    title: 'Sistema de préstamo de libros en tsotsil y español',
    pitch:
      'Llevar el control de préstamos de doce bibliotecas comunitarias con una interfaz en tsotsil y español.',
    problem:
      'Los préstamos se anotan en cuadernos y se pierden libros. Las bibliotecarias hablan tsotsil y prefieren trabajar en su lengua.',
    affected:
      'Lectoras y lectores de doce bibliotecas comunitarias y las bibliotecarias que las atienden.',
    successCriteria:
      'Ningún libro se pierde sin registro y las bibliotecarias trabajan en tsotsil.',
    status: 'solved',
    stateCode: 'CHIS',
    municipality: 'San Cristóbal de las Casas',
    sdgs: [4, 10],
    skills: ['i18n', 'SQLite', 'diseño'],
    deadlineInDays: -30,
    publishedDaysAgo: 160,
  },
  {
    slug: 'reporte-de-baches-con-seguimiento',
    organizationSlug: 'municipio-de-zapopan',
    title: 'Reporte de baches con seguimiento público',
    pitch:
      'Que cualquier persona reporte un bache y vea en qué etapa está su reparación, con tiempos públicos por colonia.',
    problem:
      'Los reportes llegan por teléfono, redes sociales y ventanilla; no hay un folio único ni forma de saber si se atendieron.',
    affected:
      'Todas las personas que transitan por Zapopan, en especial ciclistas y motociclistas.',
    successCriteria: 'Cada reporte tiene un folio y un tiempo de atención público por colonia.',
    status: 'open',
    stateCode: 'JAL',
    municipality: 'Zapopan',
    sdgs: [9, 11, 16],
    skills: ['TypeScript', 'mapas', 'datos abiertos'],
    deadlineInDays: 60,
    publishedDaysAgo: 2,
  },
  {
    slug: 'datos-abiertos-de-ciclovias',
    organizationSlug: 'secretaria-de-movilidad-cdmx',
    title: 'Visualizador de datos abiertos de ciclovías',
    pitch:
      'Publicar en un mapa el estado de cada ciclovía, sus conteos de ciclistas y los incidentes viales cercanos.',
    problem:
      'Los datos de conteos existen en hojas de cálculo dispersas y la ciudadanía no puede usarlos para proponer mejoras.',
    affected: 'Ciclistas, colectivos de movilidad y personas que planean nuevas ciclovías.',
    successCriteria:
      'Los conteos y los incidentes se publican cada semana en un mapa que cualquiera puede descargar.',
    status: 'open',
    stateCode: 'CDMX',
    municipality: 'Cuauhtémoc',
    sdgs: [3, 11, 13],
    skills: ['visualización', 'GIS', 'Python'],
    deadlineInDays: 90,
    publishedDaysAgo: 14,
  },
  {
    slug: 'semaforo-de-calidad-del-aire-escolar',
    organizationSlug: 'secretaria-de-movilidad-cdmx',
    title: 'Semáforo de calidad del aire para escuelas',
    pitch:
      'Un semáforo sencillo para que las escuelas decidan si hacer actividades al aire libre según la calidad del aire.',
    problem:
      'Los índices de calidad del aire son difíciles de interpretar y no llegan a tiempo a directoras y directores.',
    affected: 'Niñas y niños de escuelas públicas de Iztapalapa y su personal docente.',
    successCriteria: 'Cada escuela sabe antes del recreo si puede hacer actividades al aire libre.',
    status: 'closed',
    stateCode: 'CDMX',
    municipality: 'Iztapalapa',
    sdgs: [3, 4],
    skills: ['APIs', 'diseño'],
    deadlineInDays: -90,
    publishedDaysAgo: 200,
  },
  {
    slug: 'padron-de-apoyos-sin-duplicados',
    organizationSlug: 'municipio-de-zapopan',
    title: 'Padrón de apoyos sociales sin duplicados',
    pitch:
      'Detectar registros duplicados en padrones de programas sociales sin exponer datos personales.',
    problem:
      'Distintas dependencias capturan a las mismas familias con variaciones en nombres y direcciones.',
    affected:
      'Familias beneficiarias de programas sociales y el personal que administra los padrones.',
    successCriteria:
      'Se detectan los registros duplicados sin que ningún dato personal salga de las dependencias.',
    status: 'draft',
    stateCode: 'JAL',
    municipality: 'Zapopan',
    sdgs: [1, 10, 16],
    skills: ['datos', 'privacidad', 'Python'],
    deadlineInDays: null,
    publishedDaysAgo: null,
  },
  {
    slug: 'rutas-de-transporte-publico-en-merida',
    organizationSlug: 'laboratorio-civico-uady',
    title: 'Rutas de transporte público de Mérida en formato GTFS',
    pitch:
      'Levantar y publicar en GTFS las rutas de camión de Mérida para que cualquier app de mapas pueda usarlas.',
    problem:
      'No existe un registro público y actualizado de rutas, paradas y horarios del transporte público en Mérida.',
    affected: 'Cerca de un millón de personas que usan el camión en Mérida.',
    successCriteria:
      'Las rutas de Mérida aparecen en cualquier app de mapas y se actualizan cada mes.',
    status: 'in_progress',
    stateCode: 'YUC',
    municipality: 'Mérida',
    sdgs: [9, 11],
    skills: ['GTFS', 'GIS', 'datos abiertos'],
    deadlineInDays: 30,
    publishedDaysAgo: 70,
  },
  {
    slug: 'censo-de-vivienda-deshabitada',
    organizationSlug: 'observatorio-urbano-uaq',
    title: 'Censo colaborativo de vivienda deshabitada',
    pitch:
      'Una herramienta para que brigadas universitarias registren viviendas abandonadas y se publiquen como datos abiertos.',
    problem:
      'Querétaro crece hacia la periferia mientras miles de viviendas céntricas están vacías y nadie sabe cuántas son.',
    affected: 'Personas que buscan vivienda en Querétaro y las colonias del centro que se vacían.',
    successCriteria:
      'Un conjunto de datos abierto y actualizado de vivienda deshabitada por manzana.',
    status: 'open',
    stateCode: 'QRO',
    municipality: 'Querétaro',
    sdgs: [11],
    skills: ['formularios', 'datos abiertos', 'PWA'],
    deadlineInDays: 50,
    publishedDaysAgo: 21,
  },
  {
    slug: 'directorio-de-refugios-ante-huracanes',
    organizationSlug: 'laboratorio-civico-uady',
    title: 'Directorio de refugios temporales ante huracanes',
    pitch:
      'Un directorio que funcione sin conexión con los refugios abiertos, su capacidad y cómo llegar a ellos.',
    problem:
      'Durante los huracanes las listas de refugios circulan como imágenes desactualizadas en redes sociales.',
    affected: 'Habitantes de la costa de Yucatán, en especial personas mayores y sin internet.',
    successCriteria: 'Cualquier persona encuentra el refugio abierto más cercano aun sin conexión.',
    status: 'solved',
    stateCode: 'YUC',
    municipality: 'Progreso',
    sdgs: [11, 13],
    skills: ['PWA', 'mapas', 'accesibilidad'],
    deadlineInDays: -60,
    publishedDaysAgo: 240,
  },
  {
    slug: 'medicion-de-fugas-de-agua-nacional',
    organizationSlug: 'agua-para-todos-ac',
    title: 'Medición ciudadana de fugas de agua',
    pitch:
      'Que cualquier persona en el país reporte fugas y se estime cuánta agua se pierde cada semana por municipio.',
    problem:
      'Los organismos operadores pierden hasta 40 % del agua en fugas y no hay datos públicos para priorizar reparaciones.',
    affected: 'Organismos operadores de agua y vecinas y vecinos de cualquier municipio del país.',
    successCriteria:
      'Cada municipio conoce sus fugas más urgentes y cuánta agua pierde por semana.',
    status: 'open',
    stateCode: null,
    municipality: null,
    sdgs: [6, 12],
    skills: ['datos', 'mapas', 'TypeScript'],
    deadlineInDays: 120,
    publishedDaysAgo: 30,
  },
];

import type { NewOrganization, NewUser } from '../../models/schema/index.ts';

// Fictional but realistic organizations: one or two of each kind, across several states.
export const demoOrganizations: NewOrganization[] = [
  {
    slug: 'vecinos-del-rio-atoyac',
    name: 'Vecinos del Río Atoyac',
    kind: 'community',
    stateCode: 'PUE',
    municipality: 'San Pedro Cholula',
    description:
      'Colectivo de vecinas y vecinos que documenta la contaminación del río Atoyac desde 2019.',
  },
  {
    slug: 'mercado-colectivo-tlacolula',
    name: 'Mercado Colectivo de Tlacolula',
    kind: 'community',
    stateCode: 'OAX',
    municipality: 'Tlacolula de Matamoros',
    description:
      'Productoras y productores del tianguis dominical que se organizan para vender mejor.',
  },
  {
    slug: 'agua-para-todos-ac',
    name: 'Agua para Todos A.C.',
    kind: 'ngo',
    stateCode: 'NL',
    municipality: 'Monterrey',
    websiteUrl: 'https://agua-para-todos.example.org',
    description: 'Asociación civil que acompaña a colonias sin servicio regular de agua potable.',
  },
  {
    slug: 'red-de-bibliotecas-comunitarias',
    name: 'Red de Bibliotecas Comunitarias',
    kind: 'ngo',
    stateCode: 'CHIS',
    municipality: 'San Cristóbal de las Casas',
    description: 'Bibliotecas en comunidades tsotsiles y tseltales de los Altos de Chiapas.',
  },
  {
    slug: 'municipio-de-zapopan',
    name: 'Gobierno Municipal de Zapopan',
    kind: 'government',
    stateCode: 'JAL',
    municipality: 'Zapopan',
    verifiedAt: new Date('2026-03-02T17:00:00Z'),
    description: 'Dirección de Innovación Gubernamental del Ayuntamiento de Zapopan.',
  },
  {
    slug: 'secretaria-de-movilidad-cdmx',
    name: 'Secretaría de Movilidad de la Ciudad de México',
    kind: 'government',
    stateCode: 'CDMX',
    municipality: 'Cuauhtémoc',
    verifiedAt: new Date('2026-01-20T17:00:00Z'),
    description: 'Área de datos abiertos y participación ciudadana de SEMOVI.',
  },
  {
    slug: 'laboratorio-civico-uady',
    name: 'Laboratorio Cívico UADY',
    kind: 'academic',
    stateCode: 'YUC',
    municipality: 'Mérida',
    description: 'Estudiantes y docentes que desarrollan tecnología cívica con gobiernos locales.',
  },
  {
    slug: 'observatorio-urbano-uaq',
    name: 'Observatorio Urbano UAQ',
    kind: 'academic',
    stateCode: 'QRO',
    municipality: 'Querétaro',
    description: 'Grupo universitario que publica datos sobre movilidad y vivienda en Querétaro.',
  },
];

// Organization members sign in by email; volunteers by GitHub.
export const demoMembers: (NewUser & { organizationSlug: string })[] = [
  {
    name: 'Rosa Elena Huerta',
    email: 'rosa@vecinos-atoyac.example.org',
    organizationSlug: 'vecinos-del-rio-atoyac',
  },
  {
    name: 'Aurelio Méndez',
    email: 'aurelio@tianguis-tlacolula.example.org',
    organizationSlug: 'mercado-colectivo-tlacolula',
  },
  {
    name: 'Lucía Garza',
    email: 'lucia@agua-para-todos.example.org',
    organizationSlug: 'agua-para-todos-ac',
  },
  {
    name: 'Xunka López',
    email: 'xunka@bibliotecas-altos.example.org',
    organizationSlug: 'red-de-bibliotecas-comunitarias',
  },
  {
    name: 'Daniel Ochoa',
    email: 'innovacion@zapopan.example.gob.mx',
    organizationSlug: 'municipio-de-zapopan',
  },
  {
    name: 'Mariana Castillo',
    email: 'datos@semovi.example.gob.mx',
    organizationSlug: 'secretaria-de-movilidad-cdmx',
  },
  {
    name: 'Jorge Canché',
    email: 'labcivico@uady.example.mx',
    organizationSlug: 'laboratorio-civico-uady',
  },
  {
    name: 'Paola Reséndiz',
    email: 'observatorio@uaq.example.mx',
    organizationSlug: 'observatorio-urbano-uaq',
  },
];

export const demoVolunteers: NewUser[] = [
  {
    name: 'Itzel Ramírez',
    githubId: 910001,
    githubLogin: 'itzel-ramirez',
    bio: 'Desarrolladora web en Guadalajara; me interesan los datos abiertos.',
    skills: ['TypeScript', 'PostgreSQL', 'accesibilidad'],
  },
  {
    name: 'Emiliano Torres',
    githubId: 910002,
    githubLogin: 'emitorres',
    bio: 'Backend y mapas. Voluntario en Codeando México.',
    skills: ['Python', 'GIS', 'APIs'],
  },
  {
    name: 'Valeria Nájera',
    githubId: 910003,
    githubLogin: 'valenajera',
    bio: 'Diseño de servicios y apps móviles sin conexión.',
    skills: ['diseño', 'Android', 'PWA'],
  },
  {
    name: 'Sebastián Cruz',
    githubId: 910004,
    githubLogin: 'sebascruz',
    bio: 'Estudiante de ingeniería en Mérida.',
    skills: ['Java', 'datos', 'visualización'],
  },
];

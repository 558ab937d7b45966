import type { ChallengeInput } from '../../server/challenges/forms.ts';

/** A complete, valid challenge form body; override fields to test one thing at a time. */
export function challengeFormBody(overrides: Record<string, string | string[]> = {}) {
  return {
    title: 'Contaminación del río Atoyac',
    pitch: 'Registrar cada descarga de aguas residuales con foto y ubicación.',
    problem: 'Las descargas **no** están registradas.',
    affected: 'Más de 40 comunidades ribereñas.',
    currentSituation: '',
    successCriteria: 'Un mapa público y verificable.',
    skills: 'mapas, PWA',
    sdgs: ['6', '14'],
    stateCode: 'PUE',
    municipality: 'San Pedro Cholula',
    deadline: '2027-06-30',
    dataset_title: ['Calidad del agua CONAGUA', ''],
    dataset_url: ['https://datos.example.org/agua', ''],
    phase_name: ['Diagnóstico', ''],
    phase_start: ['2027-01-10', ''],
    phase_end: ['2027-02-28', ''],
    criterion_name: ['Impacto', 'Facilidad de uso', ''],
    criterion_weight: ['60', '40', ''],
    ...overrides,
  };
}

/** A complete, valid challenge as the write service takes it, for calling services directly. */
export function challengeServiceInput(overrides: Partial<ChallengeInput> = {}): ChallengeInput {
  return {
    title: 'Un reto de prueba',
    pitch: 'Resumen.',
    problem: 'Problema.',
    affected: 'Quién.',
    currentSituation: '',
    successCriteria: 'Éxito.',
    skills: [],
    sdgs: [6],
    stateCode: null,
    municipality: null,
    deadline: null,
    dataSets: [],
    phases: [],
    criteria: [{ id: null, name: 'Impacto', weight: 100 }],
    ...overrides,
  };
}

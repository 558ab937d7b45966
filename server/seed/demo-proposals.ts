import { eq } from 'drizzle-orm';
import { proposals, type User } from '../../models/schema/index.ts';
import { activeCriteria } from '../challenges/index.ts';
import type { Db } from '../db/index.ts';
import { canonicalRepositoryUrl } from '../github/index.ts';
import { changeProposalStatus, createProposal, submitProposal } from '../proposals/index.ts';
import { saveScores } from '../reviews/index.ts';
import { answerInvitation, inviteToTeam } from '../teams/index.ts';
import { addProgressUpdate, endorseProposal, recordAdoption } from '../tracking/index.ts';
import { checkDemoRepository } from './demo-repositories.ts';
import type { DemoCast } from './demo-ground.ts';

/** Something that happens to a proposal after it is written; `by` names an organization. */
type DemoStep =
  | { step: 'score'; by: string; scores: readonly number[]; comment: string }
  | { step: 'accept' | 'confirmDelivery'; by: string }
  | { step: 'start' }
  /** The lead invites a volunteer, by GitHub login, who joins the team. */
  | { step: 'team'; invite: string }
  | { step: 'progress'; body: string; milestone?: string; linkUrl?: string }
  | { step: 'adopt'; by: string; evidenceUrl: string }
  | { step: 'endorse'; by: string; statement: string };

interface DemoProposal {
  challenge: string;
  /** The lead's GitHub login. */
  lead: string;
  title: string;
  summary: string;
  approach: string;
  repository: string;
  technologies: string[];
  /** A draft stays unsent: its repository has not been checked yet. */
  submit: boolean;
  steps: DemoStep[];
}

// One proposal at each point of the way from draft to adoption, each taken there by the people
// who would take it: the team writes and reports, the posting organization reviews and decides.
export const demoProposals: DemoProposal[] = [
  {
    challenge: 'prestamo-de-libros-en-tsotsil',
    lead: 'itzel-ramirez',
    title: 'Biblioteca libre en tsotsil',
    summary:
      'Préstamos de doce bibliotecas en una app que funciona sin conexión, en tsotsil y español.',
    approach:
      '## Cómo lo hacemos\n\n- Una app web instalable que guarda los préstamos en el teléfono y los sincroniza cuando hay señal.\n- La interfaz está traducida al tsotsil con las bibliotecarias, palabra por palabra.\n- Cada libro lleva una etiqueta impresa con su folio; no hace falta lector de código de barras.',
    repository: 'https://github.com/itzel-ramirez/biblioteca-tsotsil',
    technologies: ['TypeScript', 'PWA', 'IndexedDB'],
    submit: true,
    steps: [
      {
        step: 'score',
        by: 'red-de-bibliotecas-comunitarias',
        scores: [5, 4, 5],
        comment: 'Las bibliotecarias la probaron y entienden cada pantalla.',
      },
      { step: 'accept', by: 'red-de-bibliotecas-comunitarias' },
      { step: 'start' },
      {
        step: 'progress',
        body: 'Terminamos la traducción de la interfaz con tres bibliotecarias de Chamula.',
        milestone: 'Interfaz en tsotsil',
      },
      {
        step: 'progress',
        body: 'Las doce bibliotecas registran sus préstamos en la app desde esta semana.',
        milestone: 'Piloto en las doce bibliotecas',
        linkUrl: 'https://github.com/itzel-ramirez/biblioteca-tsotsil/releases',
      },
      { step: 'confirmDelivery', by: 'red-de-bibliotecas-comunitarias' },
      {
        step: 'adopt',
        by: 'red-de-bibliotecas-comunitarias',
        evidenceUrl: 'https://bibliotecas-altos.example.org/prestamos',
      },
      {
        step: 'endorse',
        by: 'red-de-bibliotecas-comunitarias',
        statement: 'Ya no perdemos libros y trabajamos en nuestra lengua. Kolaval.',
      },
    ],
  },
  {
    challenge: 'rutas-de-transporte-publico-en-merida',
    lead: 'itzel-ramirez',
    title: 'GTFS colaborativo para Mérida',
    summary:
      'Rutas, paradas y horarios de Mérida en GTFS, levantados por estudiantes con el celular.',
    approach:
      'Estudiantes del laboratorio recorren cada ruta con una app que registra paradas y tiempos. Un script valida el GTFS cada noche y lo publica en el portal de datos abiertos.',
    repository: 'https://github.com/itzel-ramirez/gtfs-merida',
    technologies: ['Python', 'GTFS', 'PostgreSQL'],
    submit: true,
    steps: [
      { step: 'team', invite: 'sebascruz' },
      { step: 'accept', by: 'laboratorio-civico-uady' },
      { step: 'start' },
      {
        step: 'progress',
        body: 'Levantamos 41 de las 120 rutas; el GTFS pasa la validación de MobilityData.',
        milestone: 'Primer tercio de las rutas',
      },
    ],
  },
  {
    challenge: 'alertas-de-tandeo-de-agua',
    lead: 'emitorres',
    title: 'Alertas por SMS con datos del organismo operador',
    summary: 'Un aviso por SMS a cada colonia dos horas antes de que llegue el agua del tandeo.',
    approach:
      'Leemos el calendario de tandeo que publica el organismo operador, lo cruzamos con el padrón de colonias y enviamos los avisos por una pasarela SMS de bajo costo. Las familias se suscriben con un mensaje.',
    repository: 'https://github.com/emitorres/alertas-tandeo',
    technologies: ['Node.js', 'SMS', 'PostgreSQL'],
    submit: true,
    steps: [
      {
        step: 'score',
        by: 'agua-para-todos-ac',
        scores: [5, 3, 4],
        comment: 'Falta acordar con el organismo operador quién paga los mensajes.',
      },
      { step: 'accept', by: 'agua-para-todos-ac' },
    ],
  },
  {
    challenge: 'mapa-de-descargas-al-rio-atoyac',
    lead: 'valenajera',
    title: 'PWA de registro de descargas sin conexión',
    summary: 'Registrar una descarga con foto y ubicación aunque no haya señal junto al río.',
    approach:
      'Una app web instalable guarda el registro en el teléfono y lo envía al recuperar la señal. Cada descarga recibe un folio público y un mapa muestra su estado.',
    repository: 'https://github.com/valenajera/descargas-pwa',
    technologies: ['PWA', 'mapas', 'PostgreSQL'],
    submit: true,
    steps: [
      {
        step: 'score',
        by: 'vecinos-del-rio-atoyac',
        scores: [4, 4, 3],
        comment: 'Nos gusta que funcione sin señal; falta ver cómo responden las autoridades.',
      },
    ],
  },
  {
    challenge: 'mapa-de-descargas-al-rio-atoyac',
    lead: 'emitorres',
    title: 'Mapa de descargas con verificación comunitaria',
    summary: 'Cada descarga reportada se confirma por dos vecinos antes de publicarse.',
    approach:
      'Un reporte nuevo queda pendiente hasta que dos vecinas o vecinos lo confirman en el lugar.',
    repository: 'https://github.com/emitorres/mapa-descargas',
    technologies: ['Python', 'GIS'],
    submit: false,
    steps: [],
  },
];

async function takeStep(db: Db, cast: DemoCast, lead: User, proposalId: string, step: DemoStep) {
  switch (step.step) {
    case 'score': {
      const [proposal] = await db
        .select({ challengeId: proposals.challengeId })
        .from(proposals)
        .where(eq(proposals.id, proposalId));
      const criteria = await activeCriteria(db, proposal!.challengeId);
      return saveScores(
        db,
        cast.member(step.by),
        proposalId,
        criteria.map((criterion, index) => ({
          criterionId: criterion.id,
          criterion: criterion.name,
          score: step.scores[index]!,
          comment: index === 0 ? step.comment : '',
        })),
      );
    }
    case 'accept':
    case 'confirmDelivery':
      return changeProposalStatus(db, cast.member(step.by), proposalId, step.step);
    case 'start':
      return changeProposalStatus(db, lead, proposalId, 'start');
    case 'team':
      await inviteToTeam(db, lead, proposalId, step.invite);
      return answerInvitation(db, cast.volunteer(step.invite), proposalId, true);
    case 'progress':
      return addProgressUpdate(db, lead, proposalId, {
        body: step.body,
        milestone: step.milestone ?? null,
        linkUrl: step.linkUrl ?? null,
      });
    case 'adopt':
      return recordAdoption(db, cast.member(step.by), proposalId, {
        organizationId: cast.organizationId(step.by),
        since: new Date().toISOString().slice(0, 10),
        evidenceUrl: step.evidenceUrl,
      });
    case 'endorse':
      return endorseProposal(db, cast.member(step.by), proposalId, {
        organizationId: cast.organizationId(step.by),
        statement: step.statement,
      });
  }
}

/** Writes each demo proposal and takes it along its way, all through the proposal services. */
export async function seedDemoProposals(db: Db, cast: DemoCast, githubApiUrl: string) {
  for (const story of demoProposals) {
    const lead = cast.volunteer(story.lead);
    const proposal = await createProposal(db, lead, cast.challengeId(story.challenge), {
      title: story.title,
      summary: story.summary,
      approach: story.approach,
      repositoryUrl: canonicalRepositoryUrl(story.repository) ?? null,
      demoUrl: null,
      technologies: story.technologies,
    });
    if (story.submit) {
      const submitted = await submitProposal(db, githubApiUrl, lead, proposal.id, (url) =>
        checkDemoRepository(url, new Date()),
      );
      if (submitted.outcome !== 'submitted') {
        throw new Error(`demo proposal "${story.title}" was not submitted: ${submitted.outcome}`);
      }
    }
    for (const step of story.steps) await takeStep(db, cast, lead, proposal.id, step);
  }
  return demoProposals.length;
}

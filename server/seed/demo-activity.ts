import { claimChallenge, releaseExpiredClaims, releaseOwnClaim } from '../claims/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../logger.ts';
import { answerQuestion, askQuestion } from '../questions/index.ts';
import { dayInMexico } from '../lib/index.ts';
import {
  amendSponsorship,
  fulfilSponsorship,
  pledgeSponsorship,
  respondToFulfilment,
} from '../sponsorships/index.ts';
import type { DemoCast } from './demo-ground.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ActivityDeps {
  db: Db;
  config: Config;
  logger: Logger;
}

/**
 * Government offices pledge support: a prize whose terms were amended once, mentorship that was
 * delivered and confirmed by the neighbours, and data that was opened with its link.
 */
async function seedPledges({ db }: ActivityDeps, cast: DemoCast) {
  const zapopan = cast.member('municipio-de-zapopan');
  const inDays = (days: number) => dayInMexico(new Date(Date.now() + days * DAY_MS));
  const prize = await pledgeSponsorship(
    db,
    zapopan,
    cast.challengeId('reporte-de-baches-con-seguimiento'),
    {
      organizationId: cast.organizationId('municipio-de-zapopan'),
      kind: 'prize',
      amountCentavos: 5_000_000,
      description: 'Premio al equipo cuya solución se adopte',
      terms: 'Se entrega cuando el municipio confirme la adopción de la solución.',
      dueOn: inDays(120),
    },
  );
  await amendSponsorship(db, zapopan, prize.id, {
    amountCentavos: 6_000_000,
    description: prize.description,
    terms: `${prize.terms} Incluye el pago de la infraestructura del primer año.`,
    dueOn: inDays(150),
    note: 'El cabildo aprobó una ampliación del presupuesto del programa.',
  });
  const mentorship = await pledgeSponsorship(
    db,
    zapopan,
    cast.challengeId('mapa-de-descargas-al-rio-atoyac'),
    {
      organizationId: cast.organizationId('municipio-de-zapopan'),
      kind: 'mentorship',
      amountCentavos: null,
      description: '20 horas de mentoría del equipo de datos',
      terms: '',
    },
  );
  await fulfilSponsorship(db, zapopan, mentorship.id, {
    delivered: '20 horas de mentoría en cuatro sesiones con el equipo de datos',
    deliveredOn: inDays(-3),
    evidenceUrl: 'https://datos.zapopan.example.org/minutas/mentoria-rio-atoyac.pdf',
    note: 'La minuta firmada de cada sesión está publicada.',
  });
  await respondToFulfilment(db, cast.member('vecinos-del-rio-atoyac'), mentorship.id, {
    verdict: 'confirm',
    note: 'Recibimos las cuatro sesiones; nos ayudaron a limpiar los datos de las descargas.',
  });
  const semovi = cast.member('secretaria-de-movilidad-cdmx');
  const counts = await pledgeSponsorship(
    db,
    semovi,
    cast.challengeId('datos-abiertos-de-ciclovias'),
    {
      organizationId: cast.organizationId('secretaria-de-movilidad-cdmx'),
      kind: 'data_access',
      amountCentavos: null,
      description: 'Conteos ciclistas diarios desde 2019',
      terms: 'Los conteos se publican con licencia de libre uso MX.',
    },
  );
  await fulfilSponsorship(db, semovi, counts.id, {
    delivered: 'Conteos ciclistas diarios 2019–2026 publicados como datos abiertos',
    deliveredOn: inDays(-10),
    evidenceUrl: 'https://datos.cdmx.example.org/dataset/conteos-ciclistas',
    note: '',
  });
}

/** A volunteer asks in public and the organization answers officially. */
async function seedQuestions({ db, config }: ActivityDeps, cast: DemoCast) {
  const challengeId = cast.challengeId('mapa-de-descargas-al-rio-atoyac');
  const question = await askQuestion(
    db,
    config.baseUrl,
    cast.volunteer('valenajera'),
    challengeId,
    '¿Las fotos de las descargas pueden mostrar a las personas que las reportan, o hay que difuminarlas?',
  );
  await answerQuestion(
    db,
    config.baseUrl,
    cast.member('vecinos-del-rio-atoyac'),
    challengeId,
    question.id,
    'Hay que difuminar rostros y placas antes de publicar. Quien reporta decide si su nombre aparece.',
  );
  await askQuestion(
    db,
    config.baseUrl,
    cast.volunteer('sebascruz'),
    cast.challengeId('censo-de-vivienda-deshabitada'),
    '¿Hay datos del consumo de luz por manzana para estimar qué viviendas están vacías?',
  );
}

/**
 * Volunteers say they are working on challenges: one lets go, one goes quiet and the claim
 * lapses, others keep at it.
 */
async function seedClaims(deps: ActivityDeps, cast: DemoCast) {
  const { db, config } = deps;
  const quiet = await claimChallenge(
    db,
    cast.volunteer('sebascruz'),
    cast.challengeId('censo-de-vivienda-deshabitada'),
  );
  // The expiry job as it runs once the claim has gone without progress for the allowed days;
  // before any other claim exists, so it lapses alone.
  const lapsed = new Date(
    quiet.claim.lastActivityAt.getTime() + (config.claimExpiryDays + 1) * DAY_MS,
  );
  await releaseExpiredClaims(deps, lapsed);

  const tianguis = cast.challengeId('catalogo-del-tianguis-sin-internet');
  await claimChallenge(db, cast.volunteer('valenajera'), tianguis);
  await releaseOwnClaim(db, cast.volunteer('valenajera'), tianguis);

  await claimChallenge(
    db,
    cast.volunteer('itzel-ramirez'),
    cast.challengeId('reporte-de-baches-con-seguimiento'),
  );
  await claimChallenge(
    db,
    cast.volunteer('emitorres'),
    cast.challengeId('mapa-de-descargas-al-rio-atoyac'),
  );
}

/** Sponsorships, questions and claims, each through its feature's service. */
export async function seedDemoActivity(deps: ActivityDeps, cast: DemoCast) {
  await seedPledges(deps, cast);
  await seedQuestions(deps, cast);
  await seedClaims(deps, cast);
}

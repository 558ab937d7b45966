import { count } from 'drizzle-orm';
import {
  challenges,
  memberships,
  organizations,
  proposals,
  sponsorships,
  users,
  watches,
} from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { demoChallenges } from './demo-challenges.ts';
import { demoMembers, demoOrganizations, demoVolunteers } from './demo-organizations.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const demoCriteria = [
  { name: 'Impacto para las personas afectadas', weight: 40 },
  { name: 'Viabilidad de adopción', weight: 35 },
  { name: 'Calidad y apertura del código', weight: 25 },
];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ organizations: count() }).from(organizations);
  const [people] = await db.select({ users: count() }).from(users);
  return Number(row?.organizations) === 0 && Number(people?.users) === 0;
}

/** Fills an empty database with realistic Spanish demo content, all in one transaction. */
export async function seedDemoData(db: Db, now = new Date()) {
  return db.transaction(async (tx) => {
    const insertedOrganizations = await tx
      .insert(organizations)
      .values(demoOrganizations)
      .returning({ id: organizations.id, slug: organizations.slug });
    const organizationIds = new Map(insertedOrganizations.map((row) => [row.slug, row.id]));
    const organizationId = (slug: string) => {
      const id = organizationIds.get(slug);
      if (!id) throw new Error(`demo data names an unknown organization: ${slug}`);
      return id;
    };

    const insertedMembers = await tx
      .insert(users)
      .values(demoMembers.map(({ organizationSlug: _slug, ...member }) => member))
      .returning({ id: users.id, email: users.email });
    await tx.insert(memberships).values(
      demoMembers.map((member, index) => ({
        organizationId: organizationId(member.organizationSlug),
        userId: insertedMembers[index]!.id,
        role: 'owner' as const,
      })),
    );
    const authorIds = new Map(
      demoMembers.map((member, index) => [member.organizationSlug, insertedMembers[index]!.id]),
    );
    const volunteers = await tx.insert(users).values(demoVolunteers).returning({ id: users.id });

    const day = (offset: number) => new Date(now.getTime() + offset * DAY_MS);
    const isoDay = (offset: number) => day(offset).toISOString().slice(0, 10);
    const inserted = await tx
      .insert(challenges)
      .values(
        demoChallenges.map((challenge) => ({
          slug: challenge.slug,
          organizationId: organizationId(challenge.organizationSlug),
          authorId: authorIds.get(challenge.organizationSlug),
          title: challenge.title,
          pitch: challenge.pitch,
          problem: challenge.problem,
          affected: challenge.affected,
          successCriteria: challenge.successCriteria,
          criteria: demoCriteria,
          dataSets: challenge.stateCode
            ? [
                {
                  title: `Datos abiertos de ${challenge.municipality}`,
                  url: 'https://datos.gob.mx/',
                },
              ]
            : [],
          phases:
            challenge.deadlineInDays !== null && challenge.publishedDaysAgo !== null
              ? [
                  {
                    name: 'Propuestas',
                    startsOn: isoDay(-challenge.publishedDaysAgo),
                    endsOn: isoDay(Math.floor(challenge.deadlineInDays / 2)),
                  },
                  {
                    name: 'Desarrollo',
                    startsOn: isoDay(Math.floor(challenge.deadlineInDays / 2) + 1),
                    endsOn: isoDay(challenge.deadlineInDays),
                  },
                ]
              : [],
          status: challenge.status,
          stateCode: challenge.stateCode,
          municipality: challenge.municipality,
          sdgs: challenge.sdgs,
          skills: challenge.skills,
          deadline:
            challenge.deadlineInDays === null
              ? null
              : day(challenge.deadlineInDays).toISOString().slice(0, 10),
          publishedAt:
            challenge.publishedDaysAgo === null ? null : day(-challenge.publishedDaysAgo),
          createdAt: day(-(challenge.publishedDaysAgo ?? 1) - 3),
        })),
      )
      .returning({ id: challenges.id, slug: challenges.slug });
    const challengeId = (slug: string) => inserted.find((row) => row.slug === slug)!.id;

    // The pothole report spread to Querétaro: a replica linked to its original.
    await tx.insert(challenges).values({
      slug: 'reporte-de-baches-con-seguimiento-queretaro',
      organizationId: organizationId('observatorio-urbano-uaq'),
      authorId: authorIds.get('observatorio-urbano-uaq'),
      forkedFromId: challengeId('reporte-de-baches-con-seguimiento'),
      title: 'Reporte de baches con seguimiento público',
      pitch:
        'El mismo reporte ciudadano de baches de Zapopan, adaptado a las colonias de Querétaro.',
      problem: 'Los reportes de baches en Querétaro tampoco tienen folio ni seguimiento público.',
      affected: 'Quienes transitan por Querétaro, en especial ciclistas.',
      successCriteria: 'Cada reporte tiene folio y tiempo de atención público.',
      criteria: demoCriteria,
      status: 'open',
      stateCode: 'QRO',
      municipality: 'Querétaro',
      sdgs: [9, 11],
      skills: ['TypeScript', 'mapas'],
      publishedAt: day(-1),
      createdAt: day(-2),
    });

    const [itzel, emiliano, valeria] = volunteers;
    await tx.insert(proposals).values([
      {
        challengeId: challengeId('alertas-de-tandeo-de-agua'),
        leadId: emiliano!.id,
        title: 'Alertas por SMS con datos del organismo operador',
        status: 'accepted',
        submittedAt: day(-30),
      },
      {
        challengeId: challengeId('rutas-de-transporte-publico-en-merida'),
        leadId: itzel!.id,
        title: 'GTFS colaborativo para Mérida',
        status: 'in_progress',
        submittedAt: day(-50),
      },
      {
        challengeId: challengeId('mapa-de-descargas-al-rio-atoyac'),
        leadId: valeria!.id,
        title: 'PWA de registro de descargas sin conexión',
        status: 'submitted',
        submittedAt: day(-2),
      },
      {
        challengeId: challengeId('mapa-de-descargas-al-rio-atoyac'),
        leadId: emiliano!.id,
        title: 'Mapa de descargas con verificación comunitaria',
        status: 'submitted',
        submittedAt: day(-1),
      },
      {
        challengeId: challengeId('prestamo-de-libros-en-tsotsil'),
        leadId: itzel!.id,
        title: 'Biblioteca libre en tsotsil',
        status: 'adopted',
        submittedAt: day(-140),
      },
    ]);
    await tx.insert(sponsorships).values([
      {
        challengeId: challengeId('reporte-de-baches-con-seguimiento'),
        organizationId: organizationId('municipio-de-zapopan'),
        kind: 'prize',
        amountCentavos: 5_000_000,
        description: 'Premio al equipo cuya solución se adopte',
        status: 'pledged',
      },
      {
        challengeId: challengeId('mapa-de-descargas-al-rio-atoyac'),
        organizationId: organizationId('municipio-de-zapopan'),
        kind: 'mentorship',
        description: '20 horas de mentoría del equipo de datos',
        status: 'pledged',
      },
      {
        challengeId: challengeId('datos-abiertos-de-ciclovias'),
        organizationId: organizationId('secretaria-de-movilidad-cdmx'),
        kind: 'data_access',
        description: 'Conteos ciclistas diarios desde 2019',
        status: 'fulfilled',
      },
    ]);
    await tx.insert(watches).values([
      { userId: itzel!.id, challengeId: challengeId('reporte-de-baches-con-seguimiento') },
      { userId: valeria!.id, challengeId: challengeId('mapa-de-descargas-al-rio-atoyac') },
    ]);

    return {
      organizations: demoOrganizations.length,
      users: demoMembers.length + demoVolunteers.length,
      challenges: demoChallenges.length + 1,
    };
  });
}

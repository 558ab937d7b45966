import {
  challengeCriteria,
  challenges,
  memberships,
  organizations,
  users,
  watches,
  type User,
} from '../../models/schema/index.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { demoChallenges } from './demo-challenges.ts';
import { demoMembers, demoOrganizations, demoVolunteers } from './demo-organizations.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The day halfway from publication to the deadline, so both phases run forwards. */
const midway = (publishedDaysAgo: number, deadlineInDays: number) =>
  Math.floor((deadlineInDays - publishedDaysAgo) / 2);

export const demoCriteria = [
  { name: 'Impacto para las personas afectadas', weight: 40 },
  { name: 'Viabilidad de adopción', weight: 35 },
  { name: 'Calidad y apertura del código', weight: 25 },
];

/** Who and what the demo's stories are told with: people by login or email, ids by slug. */
export interface DemoCast {
  organizationId(slug: string): string;
  challengeId(slug: string): string;
  /** The member who speaks for an organization, by its slug. */
  member(organizationSlug: string): User;
  /** A demo volunteer, by GitHub login. */
  volunteer(login: string): User;
}

/**
 * The ground the stories stand on, inserted directly in one transaction: organizations, their
 * members, volunteers and challenges have no lifecycle to go through before they exist.
 */
export async function insertDemoGround(db: Db, now: Date): Promise<DemoCast> {
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
      .returning();
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
    const volunteers = await tx.insert(users).values(demoVolunteers).returning();

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
                    endsOn: isoDay(midway(challenge.publishedDaysAgo, challenge.deadlineInDays)),
                  },
                  {
                    name: 'Desarrollo',
                    startsOn: isoDay(
                      midway(challenge.publishedDaysAgo, challenge.deadlineInDays) + 1,
                    ),
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
    const challengeId = (slug: string) => {
      const found = inserted.find((row) => row.slug === slug);
      if (!found) throw new Error(`demo data names an unknown challenge: ${slug}`);
      return found.id;
    };

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
      status: 'open',
      stateCode: 'QRO',
      municipality: 'Querétaro',
      sdgs: [9, 11],
      skills: ['TypeScript', 'mapas'],
      publishedAt: day(-1),
      createdAt: day(-2),
    });
    const replica = await tx
      .select({ id: challenges.id })
      .from(challenges)
      .where(eq(challenges.slug, 'reporte-de-baches-con-seguimiento-queretaro'));
    // Every demo challenge is scored on the same criteria.
    await tx.insert(challengeCriteria).values(
      [...inserted, ...replica].flatMap((challenge) =>
        demoCriteria.map((criterion, position) => ({
          challengeId: challenge.id,
          position,
          ...criterion,
        })),
      ),
    );

    const volunteer = (login: string) => {
      const found = volunteers.find((person) => person.githubLogin === login);
      if (!found) throw new Error(`demo data names an unknown volunteer: ${login}`);
      return found;
    };
    await tx.insert(watches).values([
      {
        userId: volunteer('itzel-ramirez').id,
        challengeId: challengeId('reporte-de-baches-con-seguimiento'),
      },
      {
        userId: volunteer('valenajera').id,
        challengeId: challengeId('mapa-de-descargas-al-rio-atoyac'),
      },
    ]);

    return {
      organizationId,
      challengeId,
      volunteer,
      member: (slug) => {
        const index = demoMembers.findIndex((member) => member.organizationSlug === slug);
        if (index < 0) throw new Error(`demo data names an organization without members: ${slug}`);
        return insertedMembers[index]!;
      },
    };
  });
}

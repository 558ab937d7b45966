import { randomBytes } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import {
  adoptions,
  challengeCriteria,
  challenges,
  claims,
  proposalMembers,
  proposals,
  proposalScores,
  type Challenge,
  type Organization,
  type Proposal,
  type ProposalStatus,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import { makeChallenge, makeOrganization } from './factories.ts';
import { leadIdFor } from './proposal-factories.ts';
import { relaxedLimits, signedIn } from './organization-factories.ts';
import { createTestDatabase } from './test-db.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from './test-app.ts';
import { activeCriteria } from '../../server/challenges/criteria.ts';

const unique = () => randomBytes(4).toString('hex');
const DAY_MS = 24 * 60 * 60 * 1000;

const reached = (status: ProposalStatus, ...statuses: ProposalStatus[]) =>
  statuses.includes(status);

/**
 * A proposal written straight to the database, with its lead and members on the team (accepted)
 * and the dates its status implies; submitted unless told otherwise.
 */
export async function makeTeamProposal(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  options: {
    status?: ProposalStatus;
    lead?: User;
    members?: User[];
    invited?: User[];
    title?: string;
    declineReason?: string;
    submittedAt?: Date;
  } = {},
): Promise<Proposal> {
  const status = options.status ?? 'submitted';
  const now = new Date();
  const [proposal] = await db
    .insert(proposals)
    .values({
      challengeId: challenge.id,
      leadId: await leadIdFor(db, challenge.id, options.lead?.id, status),
      title: options.title ?? `Propuesta ${unique()}`,
      summary: 'Una solución de código abierto.',
      status,
      declineReason: status === 'declined' ? (options.declineReason ?? 'No cumple.') : null,
      submittedAt: status === 'draft' ? null : (options.submittedAt ?? now),
      acceptedAt: reached(status, 'accepted', 'in_progress', 'delivered', 'adopted') ? now : null,
      deliveredAt: reached(status, 'delivered', 'adopted') ? now : null,
    })
    .returning();
  const rows = [
    ...(options.lead ? [{ user: options.lead, role: 'lead' as const, accepted: true }] : []),
    ...(options.members ?? []).map((user) => ({ user, role: 'member' as const, accepted: true })),
    ...(options.invited ?? []).map((user) => ({ user, role: 'member' as const, accepted: false })),
  ];
  if (rows.length > 0) {
    await db.insert(proposalMembers).values(
      rows.map((row) => ({
        proposalId: proposal!.id,
        userId: row.user.id,
        role: row.role,
        acceptedAt: row.accepted ? now : null,
      })),
    );
  }
  return proposal!;
}

/**
 * The criterion of the proposal's challenge with that name; a name the challenge does not have
 * becomes a retired criterion (one removed after it was scored).
 */
export async function criterionNamed(db: Db, proposal: Pick<Proposal, 'id'>, name: string) {
  const [{ challengeId }] = (await db
    .select({ challengeId: proposals.challengeId })
    .from(proposals)
    .where(eq(proposals.id, proposal.id))) as [{ challengeId: string }];
  const [found] = await db
    .select({ id: challengeCriteria.id })
    .from(challengeCriteria)
    .where(and(eq(challengeCriteria.challengeId, challengeId), eq(challengeCriteria.name, name)));
  if (found) return found.id;
  const [last] = await db
    .select({ position: max(challengeCriteria.position) })
    .from(challengeCriteria)
    .where(eq(challengeCriteria.challengeId, challengeId));
  const [created] = await db
    .insert(challengeCriteria)
    .values({ challengeId, name, position: (last?.position ?? -1) + 1, retired: true })
    .returning();
  return created!.id;
}

/** A challenge's current criteria by name and weight, in order. */
export async function criteriaOf(db: Db, challengeId: string) {
  return (await activeCriteria(db, challengeId)).map(({ name, weight }) => ({ name, weight }));
}

/** A score on the criterion of that name (see criterionNamed). */
export async function makeScore(
  db: Db,
  proposal: Pick<Proposal, 'id'>,
  reviewer: Pick<User, 'id'> | null,
  criterion: string,
  score: number,
  comment = '',
  at: Date = new Date(),
) {
  await db.insert(proposalScores).values({
    proposalId: proposal.id,
    reviewerId: reviewer?.id ?? null,
    criterionId: await criterionNamed(db, proposal, criterion),
    score,
    comment,
    createdAt: at,
    updatedAt: at,
  });
}

export async function makeAdoption(
  db: Db,
  proposal: Pick<Proposal, 'id'>,
  organization: Pick<Organization, 'id'>,
  since = '2027-01-15',
) {
  await db.insert(adoptions).values({
    proposalId: proposal.id,
    organizationId: organization.id,
    since,
    evidenceUrl: 'https://example.org/acta',
  });
}

/** An active claim on the challenge that went quiet `daysAgo` days ago. */
export async function makeClaim(db: Db, challenge: Pick<Challenge, 'id'>, user: User, daysAgo = 5) {
  const [row] = await db
    .insert(claims)
    .values({
      challengeId: challenge.id,
      userId: user.id,
      lastActivityAt: new Date(Date.now() - daysAgo * DAY_MS),
    })
    .returning();
  return row!;
}

export async function proposalRow(db: Db, id: string) {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, id));
  return row!;
}

export async function challengeRow(db: Db, id: string) {
  const [row] = await db.select().from(challenges).where(eq(challenges.id, id));
  return row!;
}

export const criteria = [
  { name: 'Impacto', weight: 60 },
  { name: 'Facilidad de uso', weight: 40 },
];

type Person = Awaited<ReturnType<typeof signedIn>>['person'];

/**
 * The cast of a review: the posting organization's two reviewers, a team (lead and member),
 * a member of another organization, a signed-in stranger and a visitor with a session but no
 * account.
 */
export async function reviewWorld() {
  const database = await createTestDatabase();
  const test: TestApp = await buildTestApp({
    ...relaxedLimits,
    database,
  });
  const db = test.database.db;
  const organization = await makeOrganization(db, { name: 'Vecinos del Atoyac' });
  const otherOrganization = await makeOrganization(db, { name: 'Municipio de Cholula' });
  const challenge = await makeChallenge(db, {
    organizationId: organization.id,
    title: 'Descargas al río Atoyac',
    criteria,
  });
  const reviewer = await signedIn(test, 'revisora@example.org', {
    organization,
    name: 'Ana Revisora',
  });
  const secondReviewer = await signedIn(test, 'revisor@example.org', {
    organization,
    name: 'Beto Revisor',
  });
  const lead = await signedIn(test, 'lider@example.org', { name: 'Lía Líder' });
  const teammate = await signedIn(test, 'equipo@example.org', { name: 'Teo Equipo' });
  const otherMember = await signedIn(test, 'cholula@example.org', {
    organization: otherOrganization,
    name: 'Olga Cholula',
  });
  const stranger = await signedIn(test, 'ajena@example.org', { name: 'Sara Ajena' });
  const guest = visitor(test.app);
  const guestToken = await guest.csrfToken('/entrar');

  /**
   * A state-changing form post with the person's CSRF token; then the outbox delivers what the
   * change wrote, as the app's worker would right after.
   */
  async function post(person: Person, path: string, fields: Record<string, string> = {}) {
    const page = await person.get('/');
    const response = await person.postForm(path, { _csrf: csrfTokenIn(page.text), ...fields });
    await test.deliverMail();
    return response;
  }
  const postAsGuest = async (path: string, fields: Record<string, string> = {}) => {
    const response = await guest.postForm(path, { _csrf: guestToken, ...fields });
    await test.deliverMail();
    return response;
  };

  /** Another open challenge of the organization, with the same criteria. */
  const newChallenge = (overrides: Parameters<typeof makeChallenge>[1] = {}) =>
    makeChallenge(db, { organizationId: organization.id, criteria, ...overrides });

  /** A proposal by the lead and teammate, on the world's challenge unless given another. */
  const proposal = (
    status: ProposalStatus = 'submitted',
    options: { challenge?: Challenge; title?: string } = {},
  ) =>
    makeTeamProposal(db, options.challenge ?? challenge, {
      status,
      title: options.title,
      lead: lead.user,
      members: [teammate.user],
    });

  return {
    test,
    db,
    organization,
    otherOrganization,
    challenge,
    reviewer,
    secondReviewer,
    lead,
    teammate,
    otherMember,
    stranger,
    guest,
    post,
    postAsGuest,
    newChallenge,
    proposal,
  };
}

export type ReviewWorld = Awaited<ReturnType<typeof reviewWorld>>;
export type { Person };

import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import {
  proposalMembers,
  proposals,
  users,
  type Challenge,
  type NewUser,
  type Proposal,
  type User,
} from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import { makeChallenge } from './factories.ts';

const unique = () => randomBytes(4).toString('hex');
let nextGithubId = 7_000_000 + Math.floor(Math.random() * 1_000_000);

/** A volunteer: someone who signed up through GitHub (a GitHub id and login). */
export async function makeVolunteer(db: Db, overrides: Partial<NewUser> = {}): Promise<User> {
  const id = unique();
  const [row] = await db
    .insert(users)
    .values({
      name: `Voluntaria ${id}`,
      email: `voluntaria-${id}@example.org`,
      githubId: nextGithubId++,
      githubLogin: `voluntaria-${id}`,
      ...overrides,
    })
    .returning();
  return row!;
}

/**
 * The lead id a new proposal may carry: the database keeps one live proposal per lead per
 * challenge, so a further one for the same person names them lead through the team row only
 * (the viewer code reads either).
 */
export async function leadIdFor(
  db: Db,
  challengeId: string,
  leadId: string | null | undefined,
  status: string | undefined,
): Promise<string | null> {
  if (!leadId || status === 'withdrawn') return leadId ?? null;
  const [live] = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(
      and(
        eq(proposals.challengeId, challengeId),
        eq(proposals.leadId, leadId),
        ne(proposals.status, 'withdrawn'),
      ),
    );
  return live ? null : leadId;
}

/**
 * A proposal led by `lead` (a new volunteer unless given), with the lead's team row, on
 * `challenge` (a new open challenge unless given). Non-draft statuses get a submission date.
 */
export async function makeProposal(
  db: Db,
  options: {
    challenge?: Challenge;
    lead?: User;
    overrides?: Partial<typeof proposals.$inferInsert>;
  } = {},
): Promise<Proposal> {
  const challenge = options.challenge ?? (await makeChallenge(db));
  const lead = options.lead ?? (await makeVolunteer(db));
  const status = options.overrides?.status ?? 'draft';
  const [row] = await db
    .insert(proposals)
    .values({
      challengeId: challenge.id,
      leadId: await leadIdFor(db, challenge.id, lead.id, status),
      title: `Propuesta ${unique()}`,
      summary: 'Una solución abierta para el problema.',
      approach: 'Primero escuchamos; luego construimos.',
      repositoryUrl: `https://github.com/${lead.githubLogin ?? 'equipo'}/solucion-${unique()}`,
      technologies: ['TypeScript'],
      submittedAt: status === 'draft' ? null : new Date(),
      ...options.overrides,
    })
    .returning();
  await db.insert(proposalMembers).values({
    proposalId: row!.id,
    userId: lead.id,
    role: 'lead',
    acceptedAt: new Date(),
  });
  return row!;
}

/** Adds someone to a proposal's team: accepted by default, or a pending invitation. */
export async function addTeamMember(
  db: Db,
  proposal: Proposal,
  user: User,
  options: { accepted?: boolean } = {},
): Promise<void> {
  await db.insert(proposalMembers).values({
    proposalId: proposal.id,
    userId: user.id,
    role: 'member',
    acceptedAt: options.accepted === false ? null : new Date(),
  });
}

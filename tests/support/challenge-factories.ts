import { randomBytes } from 'node:crypto';
import {
  challenges,
  proposals,
  sponsorships,
  type Challenge,
  type NewChallenge,
  type Proposal,
  type ProposalStatus,
  type Sponsorship,
  type SponsorshipStatus,
} from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import { makeOrganization } from './factories.ts';

const unique = () => randomBytes(4).toString('hex');

/** A proposal on a challenge; submitted unless the overrides say otherwise. */
export async function makeProposal(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  overrides: { status?: ProposalStatus; title?: string } = {},
): Promise<Proposal> {
  const [row] = await db
    .insert(proposals)
    .values({
      challengeId: challenge.id,
      title: overrides.title ?? `Propuesta ${unique()}`,
      status: overrides.status ?? 'submitted',
      submittedAt: overrides.status === 'draft' ? null : new Date(),
    })
    .returning();
  return row!;
}

/** Several proposals with the given statuses. */
export async function makeProposals(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  statuses: ProposalStatus[],
): Promise<void> {
  for (const status of statuses) await makeProposal(db, challenge, { status });
}

/** A sponsorship of a challenge by a government office (made for it unless given). */
export async function makeSponsorship(
  db: Db,
  challenge: Pick<Challenge, 'id'>,
  overrides: { status?: SponsorshipStatus; organizationId?: string } = {},
): Promise<Sponsorship> {
  const organizationId =
    overrides.organizationId ??
    (await makeOrganization(db, { kind: 'government', verifiedAt: new Date() })).id;
  const [row] = await db
    .insert(sponsorships)
    .values({
      challengeId: challenge.id,
      organizationId,
      kind: 'prize',
      amountCentavos: 5_000_000,
      status: overrides.status ?? 'pledged',
      withdrawalReason: overrides.status === 'withdrawn' ? 'Cambio de presupuesto' : null,
    })
    .returning();
  return row!;
}

/** Many published challenges of one organization in a single insert, in the given order. */
export async function makeChallengeRows(
  db: Db,
  organizationId: string,
  rows: Partial<NewChallenge>[],
): Promise<Challenge[]> {
  if (rows.length === 0) return [];
  return db
    .insert(challenges)
    .values(
      rows.map((overrides, index) => ({
        slug: `reto-${index}-${unique()}`,
        title: `Reto ${index}`,
        pitch: 'Un problema público que alguien puede empezar a resolver.',
        problem: 'Descripción del problema.',
        status: 'open' as const,
        publishedAt: new Date(),
        ...overrides,
        organizationId,
      })),
    )
    .returning();
}

import {
  adoptions,
  endorsements,
  proposals,
  sponsorships,
  type Challenge,
  type NewChallenge,
  type Organization,
  type ProposalStatus,
} from '../../models/schema/index.ts';
import type { Db } from '../../server/db/database.ts';
import { makeChallenge, makeOrganization } from './factories.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

type NewSponsorship = typeof sponsorships.$inferInsert;

/** A proposal whose stages happened the given number of days after the challenge's publication. */
async function proposalAfter(
  db: Db,
  challenge: Challenge,
  status: ProposalStatus,
  days: { submitted?: number; delivered?: number } = {},
) {
  const at = (offset: number | undefined) =>
    offset === undefined ? null : new Date(challenge.publishedAt!.getTime() + offset * DAY_MS);
  const delivered = at(days.delivered);
  const [row] = await db
    .insert(proposals)
    .values({
      challengeId: challenge.id,
      title: `Propuesta ${status}`,
      status,
      submittedAt: at(days.submitted),
      acceptedAt: delivered ?? (status === 'in_progress' ? at(days.submitted) : null),
      deliveredAt: delivered,
    })
    .returning();
  return row!;
}

/**
 * A known set of challenges, proposals, adoptions, endorsements and pledges whose statistics
 * are counted by hand in the tests (see tests/integration/server/statistics/page.test.ts):
 *
 * | challenge | state | org | goals | furthest stage | days to proposal, delivery, adoption |
 * | c1 | OAX | community | 3, 11 | validated (adopted + endorsed) | 1, 4, 6 |
 * | c2 | OAX | community | 11 | delivered (endorsed, not adopted) | 3, 8, – |
 * | c3 | OAX | community | 6 | in progress | 5, –, – |
 * | c4 | OAX | ngo | – | only a withdrawn and a draft proposal | – |
 * | c5 | JAL | ngo | 4, 11 | adopted | 2, 10, 12 |
 * | c6 | JAL | ngo | – | none | – |
 * | c7 | national | community | 17 | proposed | 7, –, – |
 * | c8 | CDMX (closed) | ngo | – | none | – |
 * A draft in OAX and an archived challenge in CDMX (adopted, with a pledge) are never counted.
 */
export async function makeStatisticsWorld(db: Db) {
  const community = await makeOrganization(db, {
    slug: 'colectivo-oaxaca',
    name: 'Colectivo Oaxaca',
  });
  const ngo = await makeOrganization(db, { slug: 'red-jalisco', name: 'Red Jalisco', kind: 'ngo' });
  const office = await makeOrganization(db, {
    slug: 'agencia-digital',
    name: 'Agencia Digital',
    kind: 'government',
    verifiedAt: new Date(),
  });
  const municipality = await makeOrganization(db, {
    slug: 'municipio-zapopan',
    name: 'Municipio de Zapopan',
    kind: 'government',
    verifiedAt: new Date(),
  });
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
  const challenge = (organization: Organization, values: Partial<NewChallenge>) =>
    makeChallenge(db, { organizationId: organization.id, publishedAt: daysAgo(30), ...values });

  const c1 = await challenge(community, {
    stateCode: 'OAX',
    sdgs: [3, 11],
    title: 'Agua en la colonia',
  });
  const c2 = await challenge(community, { stateCode: 'OAX', sdgs: [11] });
  const c3 = await challenge(community, { stateCode: 'OAX', sdgs: [6] });
  const c4 = await challenge(ngo, { stateCode: 'OAX' });
  const c5 = await challenge(ngo, { stateCode: 'JAL', sdgs: [4, 11] });
  await challenge(ngo, { stateCode: 'JAL' });
  const c7 = await challenge(community, { stateCode: null, sdgs: [17] });
  await challenge(ngo, { stateCode: 'CDMX', status: 'closed' });
  const draft = await challenge(community, {
    stateCode: 'OAX',
    sdgs: [3],
    status: 'draft',
    publishedAt: null,
  });
  const archived = await challenge(ngo, { stateCode: 'CDMX', sdgs: [11], archived: true });

  const p1 = await proposalAfter(db, c1, 'adopted', { submitted: 1, delivered: 4 });
  const p2 = await proposalAfter(db, c2, 'delivered', { submitted: 3, delivered: 8 });
  await proposalAfter(db, c3, 'in_progress', { submitted: 5 });
  await proposalAfter(db, c4, 'withdrawn', { submitted: 2 });
  await proposalAfter(db, c4, 'draft');
  const p5 = await proposalAfter(db, c5, 'adopted', { submitted: 2, delivered: 10 });
  await proposalAfter(db, c7, 'submitted', { submitted: 7 });
  await proposalAfter(db, draft, 'draft');
  const pArchived = await proposalAfter(db, archived, 'adopted', { submitted: 1, delivered: 2 });

  const adoptedAfter = (
    proposal: { id: string },
    on: Challenge,
    days: number,
    by: Organization,
  ) => ({
    proposalId: proposal.id,
    organizationId: by.id,
    since: '2026-01-01',
    createdAt: new Date(on.publishedAt!.getTime() + days * DAY_MS),
  });
  await db.insert(adoptions).values([
    adoptedAfter(p1, c1, 6, community),
    // A second adopter later does not move the first adoption.
    adoptedAfter(p1, c1, 9, ngo),
    adoptedAfter(p5, c5, 12, ngo),
    adoptedAfter(pArchived, archived, 3, ngo),
  ]);
  await db.insert(endorsements).values([
    { proposalId: p1.id, organizationId: community.id, statement: 'Ya sabemos qué días hay agua.' },
    { proposalId: pArchived.id, organizationId: ngo.id, statement: 'Nos sirve.' },
    // Endorsed but not adopted: not yet validated, which comes after adoption.
    { proposalId: p2.id, organizationId: community.id, statement: 'La probamos.' },
  ]);

  const pledge = (values: Omit<NewSponsorship, 'kind'> & { kind?: NewSponsorship['kind'] }) => ({
    kind: 'prize' as const,
    ...values,
  });
  await db.insert(sponsorships).values([
    pledge({
      challengeId: c1.id,
      organizationId: office.id,
      amountCentavos: 1_000_000,
      status: 'confirmed',
    }),
    pledge({
      challengeId: c2.id,
      organizationId: office.id,
      amountCentavos: 250_050,
      status: 'fulfilled',
    }),
    pledge({
      challengeId: c5.id,
      organizationId: office.id,
      amountCentavos: 500_000,
      status: 'pledged',
      dueOn: '2020-01-01',
    }),
    pledge({
      challengeId: c3.id,
      organizationId: office.id,
      kind: 'mentorship',
      amountCentavos: null,
      status: 'pledged',
      dueOn: '2099-01-01',
    }),
    pledge({
      challengeId: c5.id,
      organizationId: municipality.id,
      amountCentavos: 300_000,
      status: 'withdrawn',
      withdrawalReason: 'Presupuesto',
      dueOn: '2020-01-01',
    }),
    pledge({
      challengeId: c7.id,
      organizationId: municipality.id,
      amountCentavos: 120_000,
      status: 'disputed',
    }),
    pledge({
      challengeId: archived.id,
      organizationId: municipality.id,
      amountCentavos: 9_999_900,
      status: 'pledged',
      dueOn: '2020-01-01',
    }),
  ]);

  return { community, ngo, office, municipality, c1, c5 };
}

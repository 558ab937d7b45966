import { eq, sql } from 'drizzle-orm';
import {
  adoptions,
  auditEvents,
  challengeQuestions,
  claims,
  endorsements,
  notificationPreferences,
  outbox,
  progressUpdates,
  questionAnswers,
  sponsorshipFulfilments,
  sponsorshipResponses,
  sponsorships,
  sponsorshipVersions,
  users,
  watches,
  type User,
} from '../../../../models/schema/index.ts';
import { queryRows } from '../../../../server/db/index.ts';
import { makeChallenge, makeOrganization, makeUser } from '../../../support/factories.ts';
import { addMembership, makeInvitation } from '../../../support/organization-factories.ts';
import {
  criteria,
  makeClaim,
  makeScore,
  makeTeamProposal,
} from '../../../support/review-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import type { TestApp } from '../../../support/test-app.ts';

// Values distinctive enough that finding one anywhere in a table dump means it was not erased.
export const PERSON = {
  email: 'lidia.everywhere@example.org',
  contactEmail: 'lidia.avisos-everywhere@example.org',
  name: 'Lidia Quintanilla Everywhere',
  githubLogin: 'lidiaq-everywhere',
  githubName: 'Lidia Q. Everywhere',
  githubId: 90_909_017,
};

const outboxRow = (values: Partial<typeof outbox.$inferInsert>) => ({
  kind: 'discussion',
  template: 'question-answered',
  toAddress: PERSON.email,
  language: 'es',
  data: { challenge: 'Agua limpia' },
  ...values,
});

/**
 * A volunteer who led an adopted proposal, and is also an organization owner and reviewer: they
 * touch every table that refers to people, through every column of the personal-data map.
 */
export async function personWhoTouchesEverything(test: TestApp) {
  const db = test.database.db;
  const { person } = await signInByEmail(test, PERSON.email);
  const [user] = (await db
    .update(users)
    .set({
      name: PERSON.name,
      contactEmail: PERSON.contactEmail,
      githubId: PERSON.githubId,
      githubLogin: PERSON.githubLogin,
      githubName: PERSON.githubName,
      githubProfileUrl: `https://github.com/${PERSON.githubLogin}`,
      avatarUrl: `https://avatars.example/${PERSON.githubLogin}.png`,
      bio: 'Programadora en Puebla.',
      skills: ['mapas', 'datos abiertos'],
    })
    .where(eq(users.email, PERSON.email))
    .returning()) as [User];
  const other = await makeUser(db, { name: 'Otra Persona', email: 'otra-persona@example.org' });

  // As an owner and reviewer of an organization.
  const organization = await makeOrganization(db, { name: 'Vecinos del Atoyac' });
  await addMembership(db, organization, user, 'owner');
  const ownChallenge = await makeChallenge(db, {
    organizationId: organization.id,
    authorId: user.id,
    title: 'Descargas al río Atoyac',
    criteria,
  });
  const reviewed = await makeTeamProposal(db, ownChallenge, { lead: other, title: 'Sensores' });
  await makeScore(db, reviewed, user, criteria[0]!.name, 4, 'Buen impacto');
  const othersClaim = await makeClaim(db, ownChallenge, other);
  await db
    .update(claims)
    .set({ status: 'released', releasedAt: new Date(), releasedById: user.id, releaseReason: 'x' })
    .where(eq(claims.id, othersClaim.id));
  const [pledge] = await db
    .insert(sponsorships)
    .values({
      challengeId: ownChallenge.id,
      organizationId: organization.id,
      kind: 'mentorship',
      createdById: user.id,
    })
    .returning();
  await db.insert(sponsorshipVersions).values({
    sponsorshipId: pledge!.id,
    version: 1,
    kind: 'mentorship',
    changedById: user.id,
  });
  const [fulfilment] = await db
    .insert(sponsorshipFulfilments)
    .values({
      sponsorshipId: pledge!.id,
      delivered: 'Mentoría',
      deliveredOn: '2026-01-15',
      evidenceUrl: 'https://example.org/acta.pdf',
      recordedById: user.id,
    })
    .returning();
  await db.insert(sponsorshipResponses).values({
    sponsorshipId: pledge!.id,
    fulfilmentId: fulfilment!.id,
    organizationId: organization.id,
    verdict: 'confirmed',
    respondedById: user.id,
  });
  await makeInvitation(db, organization, {
    email: 'invitada-por-lidia@example.org',
    invitedById: user.id,
  });

  // As a volunteer on another organization's challenge.
  const elsewhere = await makeOrganization(db, { name: 'Municipio de Cholula' });
  const challenge = await makeChallenge(db, {
    organizationId: elsewhere.id,
    authorId: other.id,
    title: 'Agua limpia en Cholula',
    criteria,
  });
  await makeInvitation(db, elsewhere, {
    email: PERSON.email,
    invitedById: other.id,
    acceptedAt: new Date(),
    acceptedById: user.id,
  });
  await addMembership(db, elsewhere, user, 'member');
  await db.insert(watches).values({ userId: user.id, challengeId: challenge.id });
  await makeClaim(db, challenge, user);
  const [question] = await db
    .insert(challengeQuestions)
    .values({ challengeId: challenge.id, authorId: user.id, body: '¿Hay datos del agua?' })
    .returning();
  const [othersQuestion] = await db
    .insert(challengeQuestions)
    .values({ challengeId: challenge.id, authorId: other.id, body: '¿Quién mide?' })
    .returning();
  await db
    .insert(questionAnswers)
    .values({ questionId: othersQuestion!.id, authorId: user.id, body: 'La CONAGUA.' });
  const proposal = await makeTeamProposal(db, challenge, {
    status: 'adopted',
    lead: user,
    members: [other],
    title: 'Mapa del agua',
  });
  await db
    .insert(progressUpdates)
    .values({ proposalId: proposal.id, authorId: user.id, body: 'Primer prototipo' });
  await db.insert(endorsements).values({
    proposalId: proposal.id,
    organizationId: organization.id,
    userId: user.id,
    statement: 'Lo usamos a diario.',
  });
  await db.insert(adoptions).values({
    proposalId: proposal.id,
    organizationId: organization.id,
    since: '2027-01-15',
    recordedById: user.id,
  });
  await db
    .insert(notificationPreferences)
    .values({ userId: user.id, kind: 'discussion', delivery: 'daily' });

  // Emails to them in every status, one to their contact address, one to someone else naming them.
  await db.insert(outbox).values([
    outboxRow({ recipientId: user.id, status: 'pending' }),
    outboxRow({ recipientId: user.id, status: 'digest' }),
    outboxRow({ recipientId: user.id, status: 'digested' }),
    outboxRow({ recipientId: user.id, status: 'sent', sentAt: new Date() }),
    outboxRow({
      recipientId: user.id,
      status: 'failed',
      lastError: `550 no mailbox ${PERSON.email}`,
    }),
    outboxRow({ toAddress: PERSON.contactEmail, status: 'sent', kind: 'invitation' }),
    outboxRow({
      recipientId: other.id,
      toAddress: other.email!,
      status: 'sent',
      data: { inviter: PERSON.name, login: PERSON.githubLogin },
    }),
  ]);

  // The audit trail: what they did, and what others did that quotes them.
  await db.insert(auditEvents).values([
    {
      actorId: user.id,
      action: 'team.invite',
      subjectType: 'proposal',
      subjectId: proposal.id,
      after: { userId: other.id, githubLogin: 'otra-persona' },
    },
    {
      actorId: other.id,
      action: 'team.invite',
      subjectType: 'proposal',
      subjectId: proposal.id,
      after: { userId: user.id, githubLogin: PERSON.githubLogin },
    },
    {
      actorId: other.id,
      action: 'invitation.revoke',
      subjectType: 'invitation',
      subjectId: proposal.id,
      before: { email: PERSON.email, note: `sent to ${PERSON.contactEmail} too` },
      after: { email: PERSON.email, name: PERSON.name },
    },
  ]);

  return {
    person,
    user,
    other,
    organization,
    challenge,
    ownChallenge,
    proposal,
    question: question!,
  };
}

/** Every table of the application's schema, from the catalog. */
export async function applicationTables(db: TestApp['database']['db']): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

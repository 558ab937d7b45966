import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { pino } from 'pino';
import request from 'supertest';
import {
  challengeCriteria,
  adoptions,
  auditEvents,
  challengeQuestions,
  challenges,
  claims,
  endorsements,
  memberships,
  organizations,
  outbox,
  progressUpdates,
  proposalMembers,
  proposalScores,
  proposals,
  questionAnswers,
  sponsorships,
  users,
} from '../../../../models/schema/index.ts';
import type { Db } from '../../../../server/db/index.ts';
import { checkRepository, githubSettings } from '../../../../server/github/index.ts';
import { isOsiApproved } from '../../../../server/github/osi-licences.ts';
import { seedDemoData } from '../../../../server/seed/seed-demo-data.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';
import { criteriaOf } from '../../../support/review-factories.ts';

// The demo seed tells its stories through the features' services; these tests read what they
// left behind, as a newcomer running `npm start` would find it.
describe('demo stories', () => {
  let test: TestApp;
  let db: Db;
  let seeded: Awaited<ReturnType<typeof seedDemoData>>;

  before(async () => {
    test = await buildTestApp();
    db = test.database.db;
    seeded = await seedDemoData(db, { config: test.config, logger: pino({ level: 'silent' }) });
  });
  after(() => test.close());

  const proposalTitled = async (title: string) => {
    const [row] = await db.select().from(proposals).where(eq(proposals.title, title));
    assert.ok(row, `a proposal titled "${title}"`);
    return row;
  };
  const actionsOn = async (subjectId: string) =>
    (
      await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, subjectId))
    ).map((row) => row.action);

  it('seeds proposals with an approach and a public repository under a verified OSI licence', async () => {
    assert.ok(seeded);
    const verified = await db
      .select()
      .from(proposals)
      .where(eq(proposals.repositoryCheck, 'verified'));
    assert.ok(verified.length >= 2, 'at least two verified repositories');
    for (const proposal of verified) {
      assert.ok(proposal.approach.trim(), `${proposal.title} has an approach`);
      assert.match(proposal.repositoryUrl ?? '', /^https:\/\/github\.com\/[\w-]+\/[\w.-]+$/);
      assert.ok(isOsiApproved(proposal.repositoryLicense ?? ''), proposal.repositoryLicense ?? '');
      assert.equal(proposal.repositoryProblem, null);
      assert.ok(proposal.repositoryCheckedAt);
      assert.notEqual(proposal.status, 'draft');
      assert.ok((await actionsOn(proposal.id)).includes('proposal.submit'));
    }
  });

  it('records only what the demo GitHub answers for those repositories', async () => {
    const server = http.createServer(test.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const config = { ...test.config, baseUrl: `http://127.0.0.1:${port}` };
      const apiUrl = githubSettings(config).apiUrl;
      const checked = await db
        .select()
        .from(proposals)
        .where(inArray(proposals.repositoryCheck, ['verified', 'failed']));
      assert.ok(checked.length >= 2);
      for (const proposal of checked) {
        const answer = await checkRepository(apiUrl, proposal.repositoryUrl!);
        assert.equal(answer.status, proposal.repositoryCheck, proposal.repositoryUrl!);
        assert.equal(answer.license, proposal.repositoryLicense);
      }
      // A draft's repository is left for its team to check: this one has no licence.
      const draft = await proposalTitled('Mapa de descargas con verificación comunitaria');
      assert.equal(draft.status, 'draft');
      assert.equal(draft.repositoryCheck, 'unchecked');
      const refused = await checkRepository(apiUrl, draft.repositoryUrl!);
      assert.deepEqual([refused.status, refused.problem], ['failed', 'noLicense']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('seeds a proposal scored by the posting organization on every weighted criterion', async () => {
    const proposal = await proposalTitled('PWA de registro de descargas sin conexión');
    assert.equal(proposal.status, 'submitted');
    const [challenge] = await db
      .select()
      .from(challenges)
      .where(eq(challenges.id, proposal.challengeId));
    const scores = await db
      .select({
        criterion: challengeCriteria.name,
        score: proposalScores.score,
        reviewerId: proposalScores.reviewerId,
      })
      .from(proposalScores)
      .innerJoin(challengeCriteria, eq(challengeCriteria.id, proposalScores.criterionId))
      .where(eq(proposalScores.proposalId, proposal.id));
    const criteria = await criteriaOf(db, challenge!.id);
    assert.deepEqual(
      scores.map((score) => score.criterion).sort(),
      criteria.map((criterion) => criterion.name).sort(),
    );
    assert.equal(
      criteria.reduce((sum, criterion) => sum + criterion.weight, 0),
      100,
    );
    assert.ok(scores.every((score) => score.score >= 1 && score.score <= 5));
    const [reviewer] = await db
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, scores[0]!.reviewerId!),
          eq(memberships.organizationId, challenge!.organizationId),
        ),
      );
    assert.ok(reviewer, 'a member of the posting organization reviewed it');
    assert.ok((await actionsOn(proposal.id)).includes('proposal.score'));
  });

  it('seeds a solution taken from submission to delivery, adoption and endorsement', async () => {
    const proposal = await proposalTitled('Biblioteca libre en tsotsil');
    assert.equal(proposal.status, 'adopted');
    assert.ok(proposal.acceptedAt && proposal.deliveredAt);
    const [challenge] = await db
      .select()
      .from(challenges)
      .where(eq(challenges.id, proposal.challengeId));
    assert.equal(challenge!.status, 'solved');
    const updates = await db
      .select()
      .from(progressUpdates)
      .where(eq(progressUpdates.proposalId, proposal.id));
    assert.ok(updates.length >= 2, 'progress posts');
    assert.equal(
      (await db.select().from(adoptions).where(eq(adoptions.proposalId, proposal.id))).length,
      1,
    );
    assert.equal(
      (await db.select().from(endorsements).where(eq(endorsements.proposalId, proposal.id))).length,
      1,
    );
    const actions = await actionsOn(proposal.id);
    for (const action of [
      'proposal.create',
      'proposal.submit',
      'proposal.score',
      'proposal.accept',
      'proposal.start',
      'proposal.progress',
      'proposal.confirmDelivery',
      'proposal.adopt',
      'proposal.adoption',
      'proposal.endorsement',
    ]) {
      assert.ok(actions.includes(action), action);
    }
    const challengeActions = await actionsOn(challenge!.id);
    assert.ok(challengeActions.includes('challenge.start'));
    assert.ok(challengeActions.includes('challenge.solve'));
  });

  it('seeds a team: the lead invited a volunteer who joined', async () => {
    const proposal = await proposalTitled('GTFS colaborativo para Mérida');
    assert.equal(proposal.status, 'in_progress');
    const team = await db
      .select({ login: users.githubLogin, role: proposalMembers.role })
      .from(proposalMembers)
      .innerJoin(users, eq(users.id, proposalMembers.userId))
      .where(
        and(eq(proposalMembers.proposalId, proposal.id), isNotNull(proposalMembers.acceptedAt)),
      );
    assert.deepEqual(team.map((member) => `${member.login}:${member.role}`).sort(), [
      'itzel-ramirez:lead',
      'sebascruz:member',
    ]);
    const actions = await actionsOn(proposal.id);
    assert.ok(actions.includes('proposal.invite') && actions.includes('proposal.joinTeam'));
  });

  it('seeds a pledge a verified government office has fulfilled', async () => {
    const fulfilled = await db
      .select({ sponsorship: sponsorships, office: organizations })
      .from(sponsorships)
      .innerJoin(organizations, eq(organizations.id, sponsorships.organizationId))
      .where(eq(sponsorships.status, 'fulfilled'));
    assert.equal(fulfilled.length, 1);
    const [{ sponsorship, office }] = fulfilled as [(typeof fulfilled)[number]];
    assert.equal(office.kind, 'government');
    assert.ok(office.verifiedAt);
    assert.deepEqual(await actionsOn(sponsorship.id), [
      'sponsorship.pledge',
      'sponsorship.fulfill',
    ]);
    const pledged = await db.select().from(sponsorships).where(eq(sponsorships.status, 'pledged'));
    assert.ok(pledged.length >= 1, 'pledges still to keep');
  });

  it('seeds a question answered by the organization that posted the challenge', async () => {
    const answered = await db
      .select({ question: challengeQuestions, answer: questionAnswers, challenge: challenges })
      .from(questionAnswers)
      .innerJoin(challengeQuestions, eq(challengeQuestions.id, questionAnswers.questionId))
      .innerJoin(challenges, eq(challenges.id, challengeQuestions.challengeId))
      .innerJoin(
        memberships,
        and(
          eq(memberships.userId, questionAnswers.authorId),
          eq(memberships.organizationId, challenges.organizationId),
        ),
      );
    assert.equal(answered.length, 1, 'an official answer');
    const [{ question, challenge }] = answered as [(typeof answered)[number]];
    assert.notEqual(question.authorId, answered[0]!.answer.authorId);
    const actions = await actionsOn(challenge.id);
    assert.ok(actions.includes('question.ask') && actions.includes('question.answer'));
  });

  it('seeds a claim that lapsed without progress and one its volunteer released', async () => {
    const [expired] = await db.select().from(claims).where(eq(claims.status, 'expired'));
    assert.ok(expired, 'an expired claim');
    assert.ok(expired.releasedAt);
    assert.equal(expired.releasedById, null, 'the expiry job, not a person');
    const [released] = await db.select().from(claims).where(eq(claims.status, 'released'));
    assert.ok(released, 'a released claim');
    assert.equal(released.releasedById, released.userId, 'released by its volunteer');
    assert.ok((await actionsOn(expired.challengeId)).includes('claim.expire'));
    assert.ok((await actionsOn(released.challengeId)).includes('claim.release'));
    const active = await db.select().from(claims).where(eq(claims.status, 'active'));
    assert.ok(active.length >= 1, 'volunteers still at work');
  });

  it('queues the emails the changes send, as the services do', async () => {
    const templates = new Set(
      (await db.select({ template: outbox.template }).from(outbox)).map((row) => row.template),
    );
    for (const template of ['proposal-submitted', 'challenge-question', 'new-pledge']) {
      assert.ok(templates.has(template), template);
    }
    // They render and go out as any other: the worker leaves none failed.
    let report;
    do {
      report = await test.deliverMail();
      assert.equal(report.failed, 0);
      assert.equal(report.retrying, 0);
    } while (report.sent > 0);
    assert.ok(
      test.mail.some((mail) => mail.to === 'xunka@bibliotecas-altos.example.org'),
      'the library network heard of the proposal',
    );
  });

  it('seeds nothing into a database that already has data', async () => {
    const totals = async () =>
      Promise.all(
        [organizations, proposals, sponsorships, claims, auditEvents, outbox].map(async (table) =>
          Number((await db.select({ n: count() }).from(table))[0]!.n),
        ),
      );
    const before = await totals();
    const again = await seedDemoData(db, {
      config: test.config,
      logger: pino({ level: 'silent' }),
    });
    assert.equal(again, undefined);
    assert.deepEqual(await totals(), before);
  });

  it('shows the stories on the challenge, proposal and sponsorship pages', async () => {
    const proposal = await proposalTitled('Biblioteca libre en tsotsil');
    const challengePage = await request(test.app).get('/retos/prestamo-de-libros-en-tsotsil');
    assert.equal(challengePage.status, 200);
    assert.match(challengePage.text, /Biblioteca libre en tsotsil/);
    assert.match(challengePage.text, /Ya no perdemos libros y trabajamos en nuestra lengua/);

    const proposalPage = await request(test.app).get(`/propuestas/${proposal.id}`);
    assert.equal(proposalPage.status, 200);
    assert.match(proposalPage.text, /repository-check--verified/);
    assert.match(proposalPage.text, /<dd>AGPL-3\.0<\/dd>/);
    assert.match(proposalPage.text, /Las doce bibliotecas registran sus préstamos/);
    assert.match(proposalPage.text, /bibliotecas-altos\.example\.org\/prestamos/);

    const askedOn = await request(test.app).get('/retos/mapa-de-descargas-al-rio-atoyac');
    assert.equal(askedOn.status, 200);
    assert.match(askedOn.text, /Hay que difuminar rostros y placas/);

    const ledger = await request(test.app).get('/patrocinios');
    assert.equal(ledger.status, 200);
    assert.match(ledger.text, /status--sponsorship-fulfilled/);
    assert.match(ledger.text, /Conteos ciclistas diarios desde 2019/);
  });
});

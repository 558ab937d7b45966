import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, ne, sql } from 'drizzle-orm';
import {
  challengeCriteria,
  challenges,
  claims,
  outbox,
  proposals,
  proposalScores,
  sponsorships,
  type Challenge,
  type User,
} from '../../../../models/schema/index.ts';
import { claimChallenge } from '../../../../server/claims/service.ts';
import { constraintOf, queryRows, sqlStateOf } from '../../../../server/db/index.ts';
import { ConflictError, ValidationError } from '../../../../server/errors.ts';
import { constraintViolationError } from '../../../../server/http/error-handler.ts';
import { createProposal } from '../../../../server/proposals/drafting.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';

/** The write fails with that SQLSTATE on that constraint. */
async function refused(write: Promise<unknown>, state: string, constraint: string) {
  await assert.rejects(write, (error: unknown) => {
    assert.equal(sqlStateOf(error), state, `SQLSTATE of ${constraint}`);
    assert.equal(constraintOf(error), constraint);
    return true;
  });
}

const CHECK = '23514';
const UNIQUE = '23505';

const proposalInput = {
  title: 'Mapa de descargas',
  summary: 'Un mapa abierto.',
  approach: '',
  repositoryUrl: null,
  demoUrl: null,
  technologies: [],
};

describe('the constraints the database holds by itself', () => {
  let test: TestApp;
  let challenge: Challenge;
  const db = () => test.database.db;

  before(async () => {
    test = await buildTestApp();
    challenge = await makeChallenge(db(), { criteria: [{ name: 'Impacto', weight: 100 }] });
  });
  after(() => test.close());

  const criterionOf = async (challengeId: string) =>
    (
      await db()
        .select()
        .from(challengeCriteria)
        .where(eq(challengeCriteria.challengeId, challengeId))
    )[0]!;

  describe('CHECK constraints', () => {
    it('refuses a score outside 1–5', async () => {
      const proposal = await makeProposal(db(), { challenge, overrides: { status: 'submitted' } });
      const criterion = await criterionOf(challenge.id);
      for (const score of [0, 6]) {
        await refused(
          db()
            .insert(proposalScores)
            .values({ proposalId: proposal.id, criterionId: criterion.id, score }),
          CHECK,
          'proposal_scores_score_check',
        );
      }
      await db()
        .insert(proposalScores)
        .values({ proposalId: proposal.id, criterionId: criterion.id, score: 5 });
    });

    it('refuses a criterion weight outside 1–100, and an active criterion without one', async () => {
      const other = await makeChallenge(db());
      for (const weight of [0, 101]) {
        await refused(
          db()
            .insert(challengeCriteria)
            .values({ challengeId: other.id, position: 0, name: 'Costo', weight }),
          CHECK,
          'challenge_criteria_weight_check',
        );
      }
      await refused(
        db()
          .insert(challengeCriteria)
          .values({ challengeId: other.id, position: 0, name: 'Costo' }),
        CHECK,
        'challenge_criteria_active_weight_check',
      );
      // A retired criterion kept for old scores may have no known weight.
      await db()
        .insert(challengeCriteria)
        .values({ challengeId: other.id, position: 0, name: 'Viejo', retired: true });
    });

    it('refuses two current criteria of one challenge with one name (any case) or one place', async () => {
      const other = await makeChallenge(db(), { criteria: [{ name: 'Impacto', weight: 100 }] });
      await refused(
        db()
          .insert(challengeCriteria)
          .values({ challengeId: other.id, position: 1, name: 'impacto', weight: 10 }),
        UNIQUE,
        'challenge_criteria_name_idx',
      );
      await refused(
        db()
          .insert(challengeCriteria)
          .values({ challengeId: other.id, position: 0, name: 'Costo', weight: 10 }),
        UNIQUE,
        'challenge_criteria_position_idx',
      );
    });

    it('refuses a prize without a positive amount, and an amount on anything but a prize', async () => {
      const office = await makeOrganization(db(), { kind: 'government', verifiedAt: new Date() });
      const pledge = { challengeId: challenge.id, organizationId: office.id };
      for (const amountCentavos of [null, 0, -100]) {
        await refused(
          db()
            .insert(sponsorships)
            .values({ ...pledge, kind: 'prize', amountCentavos }),
          CHECK,
          'sponsorships_amount_check',
        );
      }
      await refused(
        db()
          .insert(sponsorships)
          .values({ ...pledge, kind: 'mentorship', amountCentavos: 100, description: 'Horas' }),
        CHECK,
        'sponsorships_amount_check',
      );
      await db()
        .insert(sponsorships)
        .values({ ...pledge, kind: 'prize', amountCentavos: 1 });
    });

    it('refuses a deadline before the day of publication in Mexico, not in UTC', async () => {
      // 03:00 UTC on 10 March 2027 is still 9 March in Mexico City.
      const publishedAt = new Date('2027-03-10T03:00:00Z');
      await makeChallenge(db(), { publishedAt, deadline: '2027-03-09' });
      await refused(
        makeChallenge(db(), { publishedAt, deadline: '2027-03-08' }),
        CHECK,
        'challenges_deadline_after_publication_check',
      );
    });

    it('refuses a phase that ends before it starts', async () => {
      const phases = [
        { name: 'Diagnóstico', startsOn: '2027-01-10', endsOn: '2027-01-31' },
        { name: 'Desarrollo', startsOn: '2027-03-01', endsOn: '2027-02-28' },
      ];
      await refused(makeChallenge(db(), { phases }), CHECK, 'challenges_phases_in_order_check');
      await makeChallenge(db(), { phases: phases.slice(0, 1) });
    });

    it('refuses proposal dates out of lifecycle order', async () => {
      const at = (day: number) => new Date(Date.UTC(2027, 0, day));
      await refused(
        makeProposal(db(), {
          challenge,
          overrides: { status: 'accepted', submittedAt: null, acceptedAt: at(1) },
        }),
        CHECK,
        'proposals_accepted_after_submitted_check',
      );
      await refused(
        makeProposal(db(), {
          challenge,
          overrides: { status: 'accepted', submittedAt: at(2), acceptedAt: at(1) },
        }),
        CHECK,
        'proposals_accepted_after_submitted_check',
      );
      await refused(
        makeProposal(db(), {
          challenge,
          overrides: {
            status: 'delivered',
            submittedAt: at(1),
            acceptedAt: at(3),
            deliveredAt: at(2),
          },
        }),
        CHECK,
        'proposals_delivered_after_accepted_check',
      );
    });

    it('refuses a negative count of sending attempts', async () => {
      await refused(
        db().insert(outbox).values({
          kind: 'test',
          template: 'test',
          toAddress: 'a@example.org',
          language: 'es',
          data: {},
          attempts: -1,
        }),
        CHECK,
        'outbox_attempts_check',
      );
    });

    it('answers a CHECK refusal as a 422 with a clear message', async () => {
      const error = await db()
        .insert(outbox)
        .values({
          kind: 't',
          template: 't',
          toAddress: 'a@b.c',
          language: 'es',
          data: {},
          attempts: -1,
        })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      const shown = constraintViolationError(error);
      assert.ok(shown instanceof ValidationError);
      assert.equal(shown.status, 422);
      assert.equal(shown.messageKey, 'errors.checkViolation.message');
    });
  });

  describe('one live proposal per lead per challenge', () => {
    it('is held by a unique index even when the code check is skipped', async () => {
      const lead = await makeVolunteer(db());
      const first = await makeProposal(db(), { challenge, lead });
      const second = db()
        .insert(proposals)
        .values({ challengeId: challenge.id, leadId: lead.id, title: 'Otra' });
      await refused(second, UNIQUE, 'proposals_one_live_per_lead_idx');
      const error = await db()
        .insert(proposals)
        .values({ challengeId: challenge.id, leadId: lead.id, title: 'Otra' })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      const shown = constraintViolationError(error);
      assert.ok(shown instanceof ValidationError);
      assert.deepEqual(shown.fieldErrors, { form: 'proposals.errors.alreadyLeading' });

      // Once withdrawn, the proposal no longer counts.
      await db().update(proposals).set({ status: 'withdrawn' }).where(eq(proposals.id, first.id));
      await db()
        .insert(proposals)
        .values({ challengeId: challenge.id, leadId: lead.id, title: 'De nuevo' });
    });

    it('answers the index refusal as the code check does when a writer skipped the check', async () => {
      const lead = await makeVolunteer(db());
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      // A writer that skips the check and takes no lock on the challenge: it hands another
      // proposal to the lead (an update of lead_id takes no key lock on the challenge either).
      // Its change is not committed when the service checks, so on PostgreSQL only the unique
      // index stops the second row; PGlite has one connection and runs the service after it,
      // where the check itself refuses.
      const other = await makeProposal(db(), { challenge });
      const writer = db().transaction(async (tx) => {
        await tx.update(proposals).set({ leadId: lead.id }).where(eq(proposals.id, other.id));
        written();
        await held;
      });
      await wrote;
      const creating = createProposal(db(), lead, challenge.id, proposalInput);
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await writer;
      await assert.rejects(
        creating,
        (error: unknown) =>
          error instanceof ValidationError &&
          error.fieldErrors.form === 'proposals.errors.alreadyLeading',
      );
      assert.equal(await liveProposalsOf(lead), 1);
    });

    it('lets exactly one of two racing service calls create the proposal', async () => {
      const lead = await makeVolunteer(db());
      const results = await Promise.allSettled([
        createProposal(db(), lead, challenge.id, proposalInput),
        createProposal(db(), lead, challenge.id, proposalInput),
      ]);
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
      const failure = results.find((result) => result.status === 'rejected');
      assert.ok(failure?.reason instanceof ValidationError, String(failure?.reason));
      assert.equal(failure.reason.fieldErrors.form, 'proposals.errors.alreadyLeading');
      assert.equal(await liveProposalsOf(lead), 1);
    });

    it('answers two racing form posts with one draft and the 422 page for the other', async () => {
      const lead = await makeVolunteer(db());
      const { person } = await signInByEmail(test, lead.email!);
      const path = `/retos/${challenge.slug}/propuestas/nueva`;
      const token = csrfTokenIn((await person.get(path)).text);
      const body = { _csrf: token, title: 'Mapa de descargas', summary: 'Un mapa abierto.' };
      const responses = await Promise.all([
        person.postForm(path, body),
        person.postForm(path, body),
      ]);
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [303, 422]);
      const refusedPage = responses.find((response) => response.status === 422)!;
      assert.match(refusedPage.text, /Ya encabezas una propuesta para este reto/);
      // The same page as the code's own check: it links to the proposal the person leads.
      assert.match(refusedPage.text, /<a href="\/propuestas\/[0-9a-f-]+">Mapa de descargas<\/a>/);
      assert.equal(await liveProposalsOf(lead), 1);
    });

    const liveProposalsOf = async (lead: User) =>
      (
        await db()
          .select()
          .from(proposals)
          .where(
            and(
              eq(proposals.challengeId, challenge.id),
              eq(proposals.leadId, lead.id),
              ne(proposals.status, 'withdrawn'),
            ),
          )
      ).length;
  });

  describe('one active claim per volunteer per challenge', () => {
    const activeClaimsOf = async (user: User) =>
      (
        await db()
          .select()
          .from(claims)
          .where(
            and(
              eq(claims.challengeId, challenge.id),
              eq(claims.userId, user.id),
              eq(claims.status, 'active'),
            ),
          )
      ).length;

    it('is held by the partial unique index claims_one_active_idx', async () => {
      const [index] = await queryRows<{ definition: string }>(
        db(),
        sql`SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index
            WHERE indexrelid = 'claims_one_active_idx'::regclass AND indisunique`,
      );
      assert.match(index!.definition, /\(challenge_id, user_id\) WHERE \(status = 'active'/);
      const volunteer = await makeVolunteer(db());
      await db().insert(claims).values({ challengeId: challenge.id, userId: volunteer.id });
      await refused(
        db().insert(claims).values({ challengeId: challenge.id, userId: volunteer.id }),
        UNIQUE,
        'claims_one_active_idx',
      );
      const error = await db()
        .insert(claims)
        .values({ challengeId: challenge.id, userId: volunteer.id })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      const shown = constraintViolationError(error);
      assert.ok(shown instanceof ConflictError);
      assert.equal(shown.messageKey, 'claims.errors.alreadyClaimed');
      // A released claim no longer counts.
      await db()
        .update(claims)
        .set({ status: 'released', releasedAt: new Date() })
        .where(eq(claims.userId, volunteer.id));
      await db().insert(claims).values({ challengeId: challenge.id, userId: volunteer.id });
    });

    it('keeps one claim when two service calls race; claiming again is no change', async () => {
      const volunteer = await makeVolunteer(db());
      const results = await Promise.all([
        claimChallenge(db(), volunteer, challenge.id),
        claimChallenge(db(), volunteer, challenge.id),
      ]);
      assert.deepEqual(results.map((result) => result.created).sort(), [false, true]);
      assert.equal(results[0]!.claim.id, results[1]!.claim.id);
      assert.equal(await activeClaimsOf(volunteer), 1);
    });

    it('keeps one claim when two form posts race, both answered with the challenge page', async () => {
      const volunteer = await makeVolunteer(db());
      const { person } = await signInByEmail(test, volunteer.email!);
      const token = csrfTokenIn((await person.get(`/retos/${challenge.slug}`)).text);
      const path = `/retos/${challenge.slug}/reclamar`;
      const responses = await Promise.all([
        person.postForm(path, { _csrf: token }),
        person.postForm(path, { _csrf: token }),
      ]);
      assert.deepEqual(
        responses.map((response) => response.status),
        [303, 303],
      );
      assert.equal(await activeClaimsOf(volunteer), 1);
      // Exactly one of the two recorded the claim; the other is told it was already there.
      const locations = responses.map((response) => response.headers.location).sort();
      assert.deepEqual(locations, [
        `/retos/${challenge.slug}#trabajando`,
        `/retos/${challenge.slug}?reclamo=ya#trabajando`,
      ]);
      const told = await person.get(`/retos/${challenge.slug}?reclamo=ya`);
      assert.match(told.text, /Ya estabas trabajando en este reto/);
      const plain = await person.get(`/retos/${challenge.slug}`);
      assert.doesNotMatch(plain.text, /Ya estabas trabajando en este reto/);
    });
  });

  describe('indexes', () => {
    it('puts every foreign key column first in some index, so joins and cascades need no scan', async () => {
      const missing = await queryRows<{ table: string; column: string }>(
        db(),
        sql`SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
              AND NOT EXISTS (
                -- A partial index does not serve a lookup of every row (a cascade, a join).
                SELECT 1 FROM pg_index i
                WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1] AND i.indpred IS NULL
              )
            ORDER BY 1, 2`,
      );
      // No allow-list: every foreign key is followed by an account or organization deletion.
      assert.deepEqual(missing, []);
    });

    it('has the indexes the key lists filter on', async () => {
      const indexes = (
        await queryRows<{ name: string }>(
          db(),
          sql`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'`,
        )
      ).map((row) => row.name);
      for (const name of ['proposals_lead_idx', 'claims_user_idx', 'outbox_recipient_idx']) {
        assert.ok(indexes.includes(name), name);
      }
    });
  });
});

// The criteria rows cascade with their challenge, taking their scores along.
describe('criteria rows and their scores', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
  });
  after(() => test.close());

  it('refuses a score on a criterion that does not exist, and deletes scores with the challenge', async () => {
    const db = test.database.db;
    const challenge = await makeChallenge(db, { criteria: [{ name: 'Impacto', weight: 100 }] });
    const proposal = await makeProposal(db, { challenge, overrides: { status: 'submitted' } });
    const reviewer = await makeVolunteer(db);
    await refused(
      db.insert(proposalScores).values({
        proposalId: proposal.id,
        criterionId: '00000000-0000-4000-8000-000000000000',
        score: 3,
      }),
      '23503',
      'proposal_scores_criterion_id_challenge_criteria_id_fk',
    );
    const [criterion] = await db
      .select()
      .from(challengeCriteria)
      .where(eq(challengeCriteria.challengeId, challenge.id));
    await db.insert(proposalScores).values({
      proposalId: proposal.id,
      reviewerId: reviewer.id,
      criterionId: criterion!.id,
      score: 3,
    });
    await refused(
      db.insert(proposalScores).values({
        proposalId: proposal.id,
        reviewerId: reviewer.id,
        criterionId: criterion!.id,
        score: 4,
      }),
      UNIQUE,
      'proposal_scores_unique_idx',
    );
    await db.delete(challenges).where(eq(challenges.id, challenge.id));
    assert.equal(
      (await db.select().from(challengeCriteria).where(eq(challengeCriteria.id, criterion!.id)))
        .length,
      0,
    );
  });
});

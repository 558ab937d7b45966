import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import {
  auditEvents,
  type Challenge,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import { releaseExpiredClaims } from '../../../../server/claims/expiry.ts';
import { touchClaim, touchClaimsForProposal } from '../../../../server/claims/activity.ts';
import { startScheduledJobs } from '../../../../server/runtime/scheduled-jobs.ts';
import {
  activeClaimsOf,
  claimById,
  daysAgo,
  makeClaim,
  makeTeamProposal,
  makeVolunteer,
} from '../../../support/claim-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

describe('claim expiry', () => {
  let test: TestApp;
  let organization: Organization;
  let challenge: Challenge;
  let ana: User;
  let beto: User;
  let grace: User;

  /** What releaseExpiredClaims needs; its emails reach test.mail through test.deliverMail(). */
  const deps = () => ({
    db: test.database.db,
    config: test.config,
    logger: pino({ level: 'silent' }),
  });

  const expireEvents = () =>
    test.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'claim.expire'), eq(auditEvents.subjectType, 'challenge')));

  before(async () => {
    test = await buildTestApp({ env: { CLAIM_EXPIRY_DAYS: '3', BASE_URL: 'https://retos.test' } });
    const db = test.database.db;
    organization = await makeOrganization(db);
    challenge = await makeChallenge(db, {
      organizationId: organization.id,
      title: 'Baches de Xalapa',
    });
    ana = await makeVolunteer(db, { email: 'ana@example.org', githubLogin: 'ana-dev' });
    beto = await makeVolunteer(db, {
      email: 'beto@example.org',
      contactEmail: 'beto.contacto@example.org',
      locale: 'en',
    });
    grace = await makeVolunteer(db, { email: 'grace@example.org' });
  });
  after(() => test.close());

  it('reads the number of days from CLAIM_EXPIRY_DAYS', () => {
    assert.equal(test.config.claimExpiryDays, 3);
  });

  it('expires claims quiet for longer than the configured days, audits and tells each volunteer', async () => {
    const db = test.database.db;
    const now = new Date();
    const stale = await makeClaim(db, challenge, ana, { lastActivityAt: daysAgo(4, now) });
    const staleEnglish = await makeClaim(db, challenge, beto, { lastActivityAt: daysAgo(10, now) });
    const fresh = await makeClaim(db, challenge, grace, { lastActivityAt: daysAgo(2, now) });
    const released = await makeClaim(db, challenge, ana, {
      status: 'released',
      lastActivityAt: daysAgo(30, now),
    });
    const mailBefore = test.mail.length;

    const result = await releaseExpiredClaims(deps(), now);
    assert.deepEqual(result, { expired: 2, emailed: 2 });
    await test.deliverMail();

    for (const id of [stale.id, staleEnglish.id]) {
      const row = await claimById(db, id);
      assert.equal(row.status, 'expired');
      assert.equal(row.releasedAt?.getTime(), now.getTime());
      assert.equal(row.releasedById, null);
    }
    assert.equal((await claimById(db, fresh.id)).status, 'active', 'a fresher claim stays');
    assert.equal((await claimById(db, released.id)).status, 'released');

    const events = await expireEvents();
    assert.equal(events.length, 2);
    for (const event of events) {
      assert.equal(event.subjectId, challenge.id);
      assert.equal(event.organizationId, organization.id);
      assert.equal(event.actorId, null, 'nobody did it: time did');
      assert.equal((event.after as { status: string }).status, 'expired');
    }

    const told = test.mail.slice(mailBefore);
    assert.equal(told.length, 2);
    const spanish = told.find((mail) => mail.to === 'ana@example.org')!;
    assert.equal(spanish.subject, 'Tu aviso en «Baches de Xalapa» expiró');
    assert.match(spanish.text, /pasaron 3 días sin que publicaras avances/);
    assert.match(spanish.text, new RegExp(`https://retos.test/retos/${challenge.slug}`));
    assert.match(spanish.html, /<html lang="es">/);
    const english = told.find((mail) => mail.to === 'beto.contacto@example.org');
    assert.ok(english, 'the contact address is preferred');
    assert.equal(english.subject, 'Your claim on “Baches de Xalapa” expired');

    const page = await visitor(test.app).get(`/retos/${challenge.slug}`);
    assert.doesNotMatch(page.text, /href="\/voluntarios\/ana-dev"/, 'no longer shown as working');
  });

  it('changes nothing more when it runs again', async () => {
    const mailBefore = test.mail.length;
    const eventsBefore = (await expireEvents()).length;
    const result = await releaseExpiredClaims(deps());
    assert.deepEqual(result, { expired: 0, emailed: 0 });
    await test.deliverMail();
    assert.equal(test.mail.length, mailBefore);
    assert.equal((await expireEvents()).length, eventsBefore);
    assert.equal((await activeClaimsOf(test.database.db, challenge)).length, 1);
  });

  it('counts from the given moment: a claim lapses once its days have passed', async () => {
    const [fresh] = await activeClaimsOf(test.database.db, challenge);
    const later = new Date(fresh!.lastActivityAt.getTime() + 3 * 24 * 60 * 60 * 1000 + 1000);
    assert.deepEqual(await releaseExpiredClaims(deps(), later), { expired: 1, emailed: 1 });
    assert.equal((await claimById(test.database.db, fresh!.id)).status, 'expired');
  });

  it('lets a progress update reset the clock through touchClaim', async () => {
    const db = test.database.db;
    const other = await makeChallenge(db, { organizationId: organization.id });
    const quiet = await makeClaim(db, other, ana, { lastActivityAt: daysAgo(5) });
    const alsoQuiet = await makeClaim(db, other, beto, { lastActivityAt: daysAgo(5) });
    const touched = await db.transaction((tx) => touchClaim(tx, other.id, ana.id));
    assert.equal(touched, true);
    assert.ok((await claimById(db, quiet.id)).lastActivityAt.getTime() > daysAgo(1).getTime());

    await releaseExpiredClaims(deps());
    assert.equal((await claimById(db, quiet.id)).status, 'active', 'the touched claim lives on');
    assert.equal((await claimById(db, alsoQuiet.id)).status, 'expired', 'only hers was touched');
    assert.equal(
      await db.transaction((tx) => touchClaim(tx, other.id, beto.id)),
      false,
      'an expired claim is not revived',
    );
    assert.equal((await claimById(db, alsoQuiet.id)).status, 'expired');
  });

  it('lets a progress update on a proposal keep its whole team’s claims alive', async () => {
    const db = test.database.db;
    const teamChallenge = await makeChallenge(db, { organizationId: organization.id });
    const elsewhere = await makeChallenge(db, { organizationId: organization.id });
    const proposal = await makeTeamProposal(db, teamChallenge, ana, {
      members: [
        { user: beto, accepted: true },
        { user: grace, accepted: false },
      ],
    });
    const quiet = { lastActivityAt: daysAgo(5) };
    const lead = await makeClaim(db, teamChallenge, ana, quiet);
    const member = await makeClaim(db, teamChallenge, beto, quiet);
    const invited = await makeClaim(db, teamChallenge, grace, quiet);
    const otherChallenge = await makeClaim(db, elsewhere, ana, quiet);

    const touched = await db.transaction((tx) => touchClaimsForProposal(tx, proposal.id));
    assert.equal(touched, 2);
    await releaseExpiredClaims(deps());
    assert.equal((await claimById(db, lead.id)).status, 'active');
    assert.equal((await claimById(db, member.id)).status, 'active');
    assert.equal((await claimById(db, invited.id)).status, 'expired', 'not on the team yet');
    assert.equal((await claimById(db, otherChallenge.id)).status, 'expired', 'another challenge');
  });

  it('expires each claim once when several processes run it at the same time', async () => {
    const db = test.database.db;
    const crowded = await makeChallenge(db, { organizationId: organization.id });
    const volunteers = await Promise.all(Array.from({ length: 6 }, () => makeVolunteer(db)));
    for (const volunteer of volunteers) {
      await makeClaim(db, crowded, volunteer, { lastActivityAt: daysAgo(7) });
    }
    const mailBefore = test.mail.length;
    const results = await Promise.all([
      releaseExpiredClaims(deps()),
      releaseExpiredClaims(deps()),
      releaseExpiredClaims(deps()),
    ]);
    assert.equal(
      results.reduce((sum, result) => sum + result.expired, 0),
      6,
    );
    await test.deliverMail();
    const addresses = new Set(volunteers.map((volunteer) => volunteer.email));
    const told = test.mail.slice(mailBefore).filter((mail) => addresses.has(mail.to));
    assert.equal(told.length, 6, 'one email per claim');
    const events = (await expireEvents()).filter((event) => event.subjectId === crowded.id);
    assert.equal(events.length, 6);
  });

  it('runs on a schedule in the app process', async () => {
    const db = test.database.db;
    const quiet = await makeClaim(db, challenge, grace, { lastActivityAt: daysAgo(9) });
    const jobs = startScheduledJobs(deps(), { firstRunDelayMs: 0, intervalMs: 60_000 });
    for (let i = 0; i < 100 && (await claimById(db, quiet.id)).status === 'active'; i += 1) {
      await sleep(20);
    }
    await jobs.stop();
    assert.equal((await claimById(db, quiet.id)).status, 'expired');
  });
});

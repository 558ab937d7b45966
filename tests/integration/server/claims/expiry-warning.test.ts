import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import type { Challenge, User } from '../../../../models/schema/index.ts';
import { warnExpiringClaims, warningDays } from '../../../../server/claims/expiry-warning.ts';
import { touchClaim } from '../../../../server/claims/activity.ts';
import { claimById, daysAgo, makeClaim, makeVolunteer } from '../../../support/claim-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

describe('claim expiry warning', () => {
  let test: TestApp;
  let challenge: Challenge;
  let ana: User;
  let beto: User;
  let grace: User;
  const deps = () => ({
    db: test.database.db,
    config: test.config,
    logger: pino({ level: 'silent' }),
  });

  before(async () => {
    test = await buildTestApp({ env: { CLAIM_EXPIRY_DAYS: '14', BASE_URL: 'https://retos.test' } });
    const db = test.database.db;
    const organization = await makeOrganization(db);
    challenge = await makeChallenge(db, {
      organizationId: organization.id,
      title: 'Agua limpia en Oaxaca',
    });
    ana = await makeVolunteer(db, { email: 'ana.aviso@example.org' });
    beto = await makeVolunteer(db, { email: 'beto.aviso@example.org', locale: 'en' });
    grace = await makeVolunteer(db, { email: 'grace.aviso@example.org' });
  });
  after(() => test.close());

  it('warns three days ahead, or one day less than a short expiry', () => {
    assert.equal(warningDays(14), 3);
    assert.equal(warningDays(3), 2);
    assert.equal(warningDays(1), 0);
  });

  it('tells each volunteer once, in their language, when their claim is about to lapse', async () => {
    const db = test.database.db;
    const now = new Date();
    const soon = await makeClaim(db, challenge, ana, { lastActivityAt: daysAgo(12, now) });
    const soonEnglish = await makeClaim(db, challenge, beto, {
      lastActivityAt: daysAgo(11.5, now),
    });
    const fresh = await makeClaim(db, challenge, grace, { lastActivityAt: daysAgo(5, now) });

    assert.deepEqual(await warnExpiringClaims(deps(), now), { warned: 2 });
    const before = test.mail.length;
    await test.deliverMail();
    const told = test.mail.slice(before);
    assert.deepEqual(told.map((mail) => mail.to).sort(), [ana.email, beto.email].sort());
    const spanish = told.find((mail) => mail.to === ana.email)!;
    assert.equal(spanish.subject, 'Tu aviso en «Agua limpia en Oaxaca» está por expirar');
    assert.match(spanish.text, /expirará en 2 días/);
    assert.match(spanish.text, new RegExp(`https://retos.test/retos/${challenge.slug}`));
    assert.match(
      spanish.headers?.['List-Unsubscribe'] ?? '',
      /^<https:\/\/retos\.test\/avisos\/baja\//,
    );
    const english = told.find((mail) => mail.to === beto.email)!;
    assert.equal(english.subject, 'Your claim on “Agua limpia en Oaxaca” is about to expire');
    assert.match(english.text, /expire in 3 days/);

    assert.ok((await claimById(db, soon.id)).expiryWarnedAt);
    assert.ok((await claimById(db, soonEnglish.id)).expiryWarnedAt);
    assert.equal((await claimById(db, fresh.id)).expiryWarnedAt, null);

    assert.deepEqual(await warnExpiringClaims(deps(), now), { warned: 0 }, 'only once');
  });

  it('warns again after a progress update and a new quiet spell', async () => {
    const db = test.database.db;
    const other = await makeChallenge(db, { organizationId: challenge.organizationId });
    const claim = await makeClaim(db, other, grace, { lastActivityAt: daysAgo(12) });
    assert.deepEqual(await warnExpiringClaims(deps()), { warned: 1 });
    const later = new Date(Date.now() + 12 * 24 * 60 * 60 * 1000);
    await db.transaction((tx) => touchClaim(tx, other.id, grace.id, new Date()));
    assert.equal((await claimById(db, claim.id)).expiryWarnedAt, null, 'activity clears the mark');
    assert.deepEqual(await warnExpiringClaims(deps(), later), { warned: 1 });
  });

  it('leaves claims that already lapsed to the expiry job', async () => {
    const db = test.database.db;
    const other = await makeChallenge(db, { organizationId: challenge.organizationId });
    const lapsed = await makeClaim(db, other, ana, { lastActivityAt: daysAgo(20) });
    await warnExpiringClaims(deps());
    assert.equal((await claimById(db, lapsed.id)).expiryWarnedAt, null);
  });
});

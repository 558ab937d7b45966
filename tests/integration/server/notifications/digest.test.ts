import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { outbox, users, type User } from '../../../../models/schema/index.ts';
import { digestCutoff, sendDailyDigests } from '../../../../server/notifications/digest.ts';
import { saveChoices } from '../../../../server/notifications/preferences.ts';
import { makeUser } from '../../../support/factories.ts';
import { claimNotice, enqueue, outboxRowsTo } from '../../../support/outbox-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

const HOUR_MS = 60 * 60 * 1000;

describe('the daily digest', () => {
  let test: TestApp;
  let ana: User;
  let beto: User;

  /** A person who wants every kind of notification once a day. */
  async function dailyReader(email: string, locale: 'es' | 'en' = 'es') {
    const user = await makeUser(test.database.db, { email, locale });
    await saveChoices(test.database.db, user.id, {
      claim: 'daily',
      adoption: 'daily',
      pledge: 'daily',
    });
    return user;
  }

  async function backdate(address: string, to: Date) {
    const rows = await outboxRowsTo(test.database.db, address);
    await test.database.db
      .update(outbox)
      .set({ createdAt: to })
      .where(
        inArray(
          outbox.id,
          rows.map((row) => row.id),
        ),
      );
  }

  before(async () => {
    test = await buildTestApp({ env: { BASE_URL: 'https://retos.test', DIGEST_HOUR: '8' } });
    ana = await dailyReader('ana.diario@example.org');
    beto = await dailyReader('beto.diario@example.org', 'en');
  });
  after(() => test.close());

  it('groups a day of events into one email per person, in their language, by kind', async () => {
    const db = test.database.db;
    const now = new Date();
    const cutoff = digestCutoff(now, 8);
    await enqueue(db, [
      claimNotice(ana, 'Baches en Puebla'),
      claimNotice(ana, 'Agua en Oaxaca'),
      claimNotice(ana, 'Mapa de riesgos', 'adoption'),
      claimNotice(beto, 'Baches en Puebla', 'pledge'),
    ]);
    await backdate('ana.diario@example.org', new Date(cutoff.getTime() - 3 * HOUR_MS));
    await backdate('beto.diario@example.org', new Date(cutoff.getTime() - 1 * HOUR_MS));
    assert.deepEqual(await test.deliverMail(), { sent: 0, retrying: 0, failed: 0 }, 'they wait');

    assert.deepEqual(await sendDailyDigests({ db, config: test.config }, now), {
      digests: 2,
      items: 4,
    });
    const before = test.mail.length;
    assert.equal((await test.deliverMail()).sent, 2);
    const digests = test.mail.slice(before);
    const spanish = digests.find((mail) => mail.to === 'ana.diario@example.org')!;
    assert.equal(spanish.subject, 'Tu resumen diario de Retos: 3 avisos');
    for (const line of [
      'Liberaron tu aviso en «Baches en Puebla»',
      'Liberaron tu aviso en «Agua en Oaxaca»',
      'Liberaron tu aviso en «Mapa de riesgos»',
      'https://retos.test/retos/Baches%20en%20Puebla',
    ]) {
      assert.ok(spanish.text.includes(line), line);
    }
    // Grouped: the adoption heading comes before the claims heading, as /cuenta lists kinds.
    const adoption = spanish.text.indexOf('Una organización adoptó una solución');
    const claims = spanish.text.indexOf('Mis avisos de que trabajo en un reto');
    assert.ok(adoption >= 0 && claims > adoption);
    assert.match(spanish.html, /<a href="https:\/\/retos\.test\/retos\/Agua%20en%20Oaxaca"/);
    assert.match(spanish.headers?.['List-Unsubscribe'] ?? '', /avisos\/baja\//);
    // The digest's link stops every notification, and says so.
    assert.match(
      spanish.text,
      /Dejar de recibir avisos por correo: https:\/\/retos\.test\/avisos\/baja\//,
    );

    const english = digests.find((mail) => mail.to === 'beto.diario@example.org')!;
    assert.equal(english.subject, 'Your daily Retos digest: 1 notification');
    assert.match(english.html, /<html lang="en">/);

    const rows = await outboxRowsTo(db, 'ana.diario@example.org');
    const folded = rows.filter((row) => row.status === 'digested');
    assert.equal(folded.length, 3);
    const digestRow = rows.find((row) => row.kind === 'digest')!;
    assert.ok(folded.every((row) => row.digestId === digestRow.id));
  });

  it('keeps what came after the day’s digest time for the next one, and never sends one twice', async () => {
    const db = test.database.db;
    const now = new Date();
    const cutoff = digestCutoff(now, 8);
    await enqueue(db, [claimNotice(ana, 'Después del corte')]);
    await backdate('ana.diario@example.org', new Date(cutoff.getTime() + 1));
    // Older rows of Ana's were digested already; only the new one waits.
    assert.deepEqual(await sendDailyDigests({ db, config: test.config }, now), {
      digests: 0,
      items: 0,
    });
    const tomorrow = new Date(now.getTime() + 24 * HOUR_MS);
    assert.deepEqual(await sendDailyDigests({ db, config: test.config }, tomorrow), {
      digests: 1,
      items: 1,
    });
    assert.deepEqual(await sendDailyDigests({ db, config: test.config }, tomorrow), {
      digests: 0,
      items: 0,
    });
  });

  it('makes one digest per person when several processes run it at once', async () => {
    const db = test.database.db;
    const readers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => dailyReader(`lector-${i}@example.org`)),
    );
    await enqueue(
      db,
      readers.flatMap((reader) => [claimNotice(reader, 'Uno'), claimNotice(reader, 'Dos')]),
    );
    const later = new Date(Date.now() + 24 * HOUR_MS);
    const reports = await Promise.all([
      sendDailyDigests({ db, config: test.config }, later),
      sendDailyDigests({ db, config: test.config }, later),
      sendDailyDigests({ db, config: test.config }, later),
    ]);
    assert.equal(
      reports.reduce((sum, report) => sum + report.digests, 0),
      5,
    );
    for (const reader of readers) {
      const rows = await outboxRowsTo(db, reader.email!);
      assert.equal(rows.filter((row) => row.kind === 'digest').length, 1, reader.email!);
      assert.equal(rows.filter((row) => row.status === 'digested').length, 2);
    }
  });

  it('sends nothing to an account deleted before its digest', async () => {
    const db = test.database.db;
    const gone = await dailyReader('se.fue@example.org');
    await enqueue(db, [claimNotice(gone, 'Uno')]);
    await db.update(users).set({ deletedAt: new Date(), email: null }).where(eq(users.id, gone.id));
    const later = new Date(Date.now() + 24 * HOUR_MS);
    await sendDailyDigests({ db, config: test.config }, later);
    const rows = await outboxRowsTo(db, 'se.fue@example.org');
    assert.deepEqual(
      rows.map((row) => [row.kind, row.status]),
      [['claim', 'digested']],
    );
  });
});

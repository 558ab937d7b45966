import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { sponsorships } from '../../../../models/schema/index.ts';
import { dayInMexico } from '../../../../server/lib/index.ts';
import {
  amendSponsorship,
  fulfilSponsorship,
  pledgeSponsorship,
  respondToFulfilment,
  withdrawSponsorship,
} from '../../../../server/sponsorships/index.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const dayFromNow = (days: number) => dayInMexico(new Date(Date.now() + days * DAY_MS));

interface Totals {
  count: number;
  overdueCount: number;
  pledgedCentavos: number;
  fulfilledCentavos: number;
  confirmedCentavos: number;
  disputedCentavos: number;
  withdrawnCentavos: number;
  overdueCentavos: number;
}

// One pledge at each step, with known amounts, so every new column and total can be read back.
describe('the ledger of pledges that can be checked', () => {
  let test: TestApp;
  const ids = {} as Record<
    'pledged' | 'overdue' | 'fulfilled' | 'confirmed' | 'disputed' | 'withdrawn',
    string
  >;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const office = await makeOrganization(db, {
      slug: 'zapopan',
      kind: 'government',
      verifiedAt: new Date(),
    });
    const receiver = await makeOrganization(db, { kind: 'community' });
    const officer = await makeMember(db, office);
    const neighbour = await makeMember(db, receiver);
    const challenge = await makeChallenge(db, { organizationId: receiver.id, status: 'open' });
    const prize = async (pesos: number, dueOn: string | null = null) =>
      pledgeSponsorship(db, officer, challenge.id, {
        organizationId: office.id,
        kind: 'prize',
        amountCentavos: pesos * 100,
        description: `Premio de ${pesos}`,
        terms: '',
        dueOn,
      });
    const delivery = (what: string) => ({
      delivered: what,
      deliveredOn: dayFromNow(-2),
      evidenceUrl: `https://transparencia.example.org/${what}.pdf`,
      note: '',
    });
    ids.pledged = (await prize(100, dayFromNow(10))).id;
    ids.overdue = (await prize(200)).id;
    // A promised day cannot be set in the past through the service: the clock moved on.
    await db
      .update(sponsorships)
      .set({ dueOn: dayFromNow(-1) })
      .where(eq(sponsorships.id, ids.overdue));
    ids.fulfilled = (await prize(400)).id;
    await fulfilSponsorship(db, officer, ids.fulfilled, delivery('recibo-400'));
    // Delivered, even if after its day: not overdue.
    await db
      .update(sponsorships)
      .set({ dueOn: dayFromNow(-5) })
      .where(eq(sponsorships.id, ids.fulfilled));
    ids.confirmed = (await prize(800)).id;
    await fulfilSponsorship(db, officer, ids.confirmed, delivery('recibo-800'));
    await respondToFulfilment(db, neighbour, ids.confirmed, { verdict: 'confirm', note: 'Llegó.' });
    ids.disputed = (await prize(1600)).id;
    await fulfilSponsorship(db, officer, ids.disputed, delivery('recibo-1600'));
    await respondToFulfilment(db, neighbour, ids.disputed, {
      verdict: 'dispute',
      note: 'Faltó la mitad.',
    });
    ids.withdrawn = (await prize(3200)).id;
    await amendSponsorship(db, officer, ids.withdrawn, {
      amountCentavos: 320_000,
      description: 'Premio ajustado',
      terms: '',
      dueOn: dayFromNow(5),
      note: 'Ajuste',
    });
    await withdrawSponsorship(db, officer, ids.withdrawn, 'Sin presupuesto');
  });
  after(() => test.close());

  it('adds up prize money by step, overdue included, in the JSON', async () => {
    const response = await request(test.app).get('/patrocinios.json').expect(200);
    const totals = response.body.totals.overall as Totals;
    assert.deepEqual(totals, {
      count: 6,
      overdueCount: 1,
      pledgedCentavos: 300_00,
      overdueCentavos: 200_00,
      fulfilledCentavos: 400_00,
      confirmedCentavos: 800_00,
      disputedCentavos: 1600_00,
      withdrawnCentavos: 3200_00,
    });
    const byId = new Map(
      (response.body.sponsorships as Record<string, unknown>[]).map((row) => [row.id, row]),
    );
    assert.equal(byId.get(ids.overdue)!.overdue, true);
    assert.equal(byId.get(ids.pledged)!.overdue, false);
    assert.equal(byId.get(ids.pledged)!.due_on, dayFromNow(10));
    assert.equal(byId.get(ids.withdrawn)!.version, 2);
    assert.equal(byId.get(ids.disputed)!.response_note, 'Faltó la mitad.');
    assert.equal(
      byId.get(ids.confirmed)!.evidence_url,
      'https://transparencia.example.org/recibo-800.pdf',
    );
  });

  it('carries the dates of each step, the evidence and the answer in the CSV', async () => {
    const response = await request(test.app).get('/patrocinios.csv').expect(200);
    const rows = parse(response.text, { bom: true, columns: true }) as Record<string, string>[];
    const row = (id: string) => rows.find((candidate) => candidate.id === id)!;
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const confirmed = row(ids.confirmed);
    assert.equal(confirmed.status, 'confirmed');
    assert.match(confirmed.fulfilled_at!, iso);
    assert.match(confirmed.confirmed_at!, iso);
    assert.equal(confirmed.disputed_at, '');
    assert.equal(confirmed.delivered, 'recibo-800');
    assert.equal(confirmed.delivered_on, dayFromNow(-2));
    assert.equal(confirmed.evidence_url, 'https://transparencia.example.org/recibo-800.pdf');
    assert.equal(confirmed.response_note, 'Llegó.');
    assert.match(row(ids.disputed).disputed_at!, iso);
    assert.match(row(ids.withdrawn).withdrawn_at!, iso);
    assert.equal(row(ids.withdrawn).version, '2');
    assert.equal(row(ids.withdrawn).amount_centavos, '320000');
    assert.equal(row(ids.overdue).overdue, 'true');
    assert.equal(row(ids.pledged).overdue, 'false');
    assert.equal(row(ids.fulfilled).overdue, 'false');
    assert.equal(row(ids.pledged).fulfilled_at, '');
  });

  it('shows the overdue pledge as overdue on the page, and the new totals columns', async () => {
    const page = await request(test.app).get('/patrocinios').expect(200);
    assert.equal(page.text.match(/status--overdue">Vencido/g)?.length, 1);
    assert.match(page.text, /<th scope="col" class="num">Vencidos<\/th>/);
    assert.match(page.text, /<th scope="col" class="num">Confirmado<\/th>/);
    const office = await request(test.app).get('/organizaciones/zapopan').expect(200);
    assert.match(office.text, /status--overdue">Vencido/);
    const filtered = await request(test.app).get('/patrocinios.json?estado=disputed').expect(200);
    assert.deepEqual(
      (filtered.body.sponsorships as { id: string }[]).map((row) => row.id),
      [ids.disputed],
    );
  });
});

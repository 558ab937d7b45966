import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import {
  sponsorships,
  sponsorshipKinds,
  sponsorshipStatuses,
} from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

interface JsonLedger {
  count: number;
  totals: {
    overall: {
      count: number;
      pledgedCentavos: number;
      fulfilledCentavos: number;
      withdrawnCentavos: number;
    };
    perOffice: {
      officeSlug: string;
      count: number;
      pledgedCentavos: number;
      fulfilledCentavos: number;
      withdrawnCentavos: number;
    }[];
    perState: { stateCode: string | null; count: number; pledgedCentavos: number }[];
  };
  sponsorships: {
    id: string;
    status: string;
    kind: string;
    office_slug: string;
    state_code: string;
    amount_centavos: number | null;
    amount_mxn: string;
  }[];
}

describe('the public sponsorship ledger', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const offices = [
      await makeOrganization(db, {
        slug: 'zapopan',
        name: 'Zapopan',
        kind: 'government',
        verifiedAt: new Date(),
      }),
      await makeOrganization(db, {
        slug: 'semovi',
        name: 'SEMOVI',
        kind: 'government',
        verifiedAt: new Date(),
      }),
    ];
    const places = ['JAL', 'CDMX', 'OAX', null];
    const challenges = [];
    for (const stateCode of places)
      challenges.push(
        await makeChallenge(db, { stateCode, municipality: stateCode ? 'Centro' : null }),
      );
    // Amounts that floating point would round: 0.10 + 0.20, 1234567.89, 0.29…
    const amounts = [10, 20, 123_456_789, 29, 5_000_000, 1, 99, 333_333];
    let n = 0;
    let prizes = 0;
    for (const office of offices) {
      for (const challenge of challenges) {
        for (const status of sponsorshipStatuses) {
          const kind = sponsorshipKinds[n % sponsorshipKinds.length]!;
          await db.insert(sponsorships).values({
            challengeId: challenge.id,
            organizationId: office.id,
            kind,
            amountCentavos: kind === 'prize' ? amounts[prizes++ % amounts.length]! : null,
            description: kind === 'prize' ? '' : 'Apoyo, con "comillas" y comas',
            status,
            withdrawalReason: status === 'withdrawn' ? 'Sin presupuesto' : null,
          });
          n++;
        }
      }
    }
  });
  after(() => test.close());

  const filterSets: Record<string, string>[] = [
    {},
    { oficina: 'zapopan' },
    { entidad: 'JAL' },
    { tipo: 'prize' },
    { estado: 'fulfilled' },
    { oficina: 'semovi', estado: 'pledged' },
    { oficina: 'zapopan', entidad: 'OAX', tipo: 'prize' },
    { entidad: 'YUC' },
  ];

  const json = async (filters: Record<string, string>) =>
    (await request(test.app).get('/patrocinios.json').query(filters).expect(200))
      .body as JsonLedger;

  it('has totals equal to the sum of its rows, for every filter', async () => {
    for (const filters of filterSets) {
      const ledger = await json(filters);
      const rows = ledger.sponsorships;
      const sum = (status: string) =>
        rows
          .filter((row) => row.status === status)
          .reduce((total, row) => total + (row.amount_centavos ?? 0), 0);
      const label = JSON.stringify(filters);
      assert.equal(ledger.count, rows.length, label);
      assert.equal(ledger.totals.overall.count, rows.length, label);
      assert.equal(ledger.totals.overall.pledgedCentavos, sum('pledged'), label);
      assert.equal(ledger.totals.overall.fulfilledCentavos, sum('fulfilled'), label);
      assert.equal(ledger.totals.overall.withdrawnCentavos, sum('withdrawn'), label);
      for (const office of ledger.totals.perOffice) {
        const own = rows.filter((row) => row.office_slug === office.officeSlug);
        assert.equal(office.count, own.length, label);
        assert.equal(
          office.pledgedCentavos,
          own
            .filter((r) => r.status === 'pledged')
            .reduce((t, r) => t + (r.amount_centavos ?? 0), 0),
          label,
        );
      }
      assert.equal(
        ledger.totals.perOffice.reduce((t, office) => t + office.count, 0),
        rows.length,
        label,
      );
      assert.equal(
        ledger.totals.perState.reduce((t, state) => t + state.count, 0),
        rows.length,
        label,
      );
      for (const [key, column] of [
        ['oficina', 'office_slug'],
        ['entidad', 'state_code'],
        ['tipo', 'kind'],
        ['estado', 'status'],
      ] as const) {
        if (filters[key])
          assert.ok(
            rows.every((row) => row[column] === filters[key]),
            `${label} ${key}`,
          );
      }
    }
  });

  it('keeps exact centavos: totals are integers, never floats', async () => {
    const ledger = await json({ tipo: 'prize' });
    for (const value of [
      ledger.totals.overall.pledgedCentavos,
      ledger.totals.overall.fulfilledCentavos,
    ]) {
      assert.ok(Number.isSafeInteger(value));
    }
    assert.ok(ledger.sponsorships.every((row) => /^\d+\.\d{2}$/.test(row.amount_mxn)));
    assert.ok(ledger.sponsorships.some((row) => row.amount_mxn === '0.29'));
  });

  it('downloads exactly the filtered rows as CSV', async () => {
    for (const filters of filterSets) {
      const response = await request(test.app).get('/patrocinios.csv').query(filters).expect(200);
      assert.match(response.type, /text\/csv/);
      assert.match(
        String(response.headers['content-disposition']),
        /attachment; filename="?patrocinios\.csv"?/,
      );
      assert.ok(response.text.startsWith('\uFEFF'), 'a byte-order mark, for Excel');
      const rows = parse(response.text, { bom: true, columns: true }) as {
        id: string;
        amount_centavos: string;
        description: string;
      }[];
      const expected = (await json(filters)).sponsorships;
      assert.deepEqual(
        rows.map((row) => row.id),
        expected.map((row) => row.id),
        JSON.stringify(filters),
      );
      assert.ok(
        rows.every(
          (row) => !row.description || row.description === 'Apoyo, con "comillas" y comas',
        ),
      );
    }
    const empty = await request(test.app).get('/patrocinios.csv').query({ entidad: 'YUC' });
    assert.match(empty.text, /^\uFEFFid,created_at,/, 'an empty download still has its header');
  });

  it('shows the same totals on the page, and keeps the filters in the download links', async () => {
    const page = await request(test.app)
      .get('/patrocinios')
      .query({ oficina: 'zapopan', tipo: 'prize' });
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /href="\/patrocinios\.csv\?oficina(=|&#x3D;)zapopan&amp;tipo(=|&#x3D;)prize"/,
    );
    const ledger = await json({ oficina: 'zapopan', tipo: 'prize' });
    const pesos = (centavos: number) =>
      `$${Math.floor(centavos / 100).toLocaleString('en-US')}.${String(centavos % 100).padStart(2, '0')}`;
    assert.ok(page.text.includes(pesos(ledger.totals.overall.pledgedCentavos)));
    assert.match(page.text, new RegExp(`${ledger.count} compromisos?`));
  });

  it('answers an unknown filter value with a clear 422, not a 500', async () => {
    const response = await request(test.app).get('/patrocinios').query({ estado: 'robado' });
    assert.equal(response.status, 422);
    assert.match(response.text, /Algún filtro no es válido/);
    const api = await request(test.app).get('/patrocinios.json').query({ tipo: 'x' });
    assert.equal(api.status, 422);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';
import { pledgeSponsorship } from '../../../../server/sponsorships/service.ts';

// What a spreadsheet would run as a formula, as someone could type it into a title or a name.
const formulas = ['=1+1', '+1', '-1', '@SUM(1)', '\t=1+1'];

describe('the ledger CSV, opened in a spreadsheet', () => {
  let test: TestApp;
  const pledged = new Map<string, string>();

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    for (const [n, text] of formulas.entries()) {
      const office = await makeOrganization(db, {
        slug: `oficina-formula-${n}`,
        name: text,
        kind: 'government',
        verifiedAt: new Date(),
      });
      const challenge = await makeChallenge(db, { title: text });
      const officer = await makeMember(db, office);
      const created = await pledgeSponsorship(db, officer, challenge.id, {
        organizationId: office.id,
        kind: 'mentorship',
        amountCentavos: null,
        description: text,
        terms: '',
      });
      pledged.set(created.id, text);
    }
  });
  after(() => test.close());

  it('reads titles, office names and descriptions back as typed, never as formulas', async () => {
    const response = await request(test.app).get('/patrocinios.csv').expect(200);
    assert.ok(response.text.startsWith('\uFEFF'), 'a byte-order mark, for Excel');
    const rows = parse(response.text, { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, formulas.length);
    for (const row of rows) {
      const typed = pledged.get(row.id!);
      assert.ok(typed, `row ${row.id} was pledged here`);
      assert.equal(row.office, `'${typed}`);
      assert.equal(row.challenge, `'${typed}`);
      assert.equal(row.description, `'${typed}`);
      for (const [column, cell] of Object.entries(row))
        assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${column} of ${JSON.stringify(typed)}`);
    }
  });
});

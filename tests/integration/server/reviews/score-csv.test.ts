import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Challenge } from '../../../../models/schema/index.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../../support/factories.ts';
import { relaxedLimits, signedIn } from '../../../support/organization-factories.ts';
import { makeScore, makeTeamProposal } from '../../../support/review-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

// What a spreadsheet would run as a formula, as someone could type it into a title or a name.
const formulas = ['=1+1', '+1', '-1', '@SUM(1)', '\t=1+1'];

describe('the evaluation CSV, opened in a spreadsheet', () => {
  let test: TestApp;
  let challenge: Challenge;
  let reviewer: Awaited<ReturnType<typeof signedIn>>;

  before(async () => {
    test = await buildTestApp(relaxedLimits);
    const db = test.database.db;
    const organization = await makeOrganization(db);
    challenge = await makeChallenge(db, {
      organizationId: organization.id,
      criteria: [{ name: 'Impacto', weight: 100 }],
    });
    reviewer = await signedIn(test, 'revisora-formulas@example.org', {
      organization,
      name: 'Ana Revisora',
    });
    for (const text of formulas) {
      const proposal = await makeTeamProposal(db, challenge, { title: text });
      const named = await makeMember(db, organization, { name: text });
      await makeScore(db, proposal, named, 'Impacto', 4);
    }
    // Without a name, a reviewer is shown by their GitHub login, which starts with @.
    const login = await makeMember(db, organization, { name: null, githubLogin: 'revisor' });
    await makeScore(
      db,
      await makeTeamProposal(db, challenge, { title: 'Mapa' }),
      login,
      'Impacto',
      3,
    );
  });
  after(() => test.close());

  it('reads proposal titles and reviewer names back as typed, never as formulas', async () => {
    const response = await reviewer.person.get(`/retos/${challenge.slug}/evaluacion.csv`);
    assert.equal(response.status, 200);
    assert.ok(response.text.startsWith('\uFEFF'), 'a byte-order mark, for Excel');
    const rows = parse(response.text, { bom: true, columns: true }) as Record<string, string>[];
    // Each formula is one proposal's title and its reviewer's name; the order is the export's own.
    assert.deepEqual(
      rows
        .filter((row) => row.proposal !== 'Mapa')
        .map((row) => [row.proposal, row.reviewer])
        .sort(),
      formulas.map((text) => [`'${text}`, `'${text}`]).sort(),
    );
    assert.equal(rows.find((row) => row.proposal === 'Mapa')?.reviewer, "'@revisor");
    for (const row of rows)
      for (const [column, cell] of Object.entries(row))
        assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${column} of ${row.proposal}`);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditEvents, sponsorships } from '../../../../models/schema/index.ts';
import { HISTORY_SHOWN } from '../../../../server/audit/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { makeProposal } from '../../../support/proposal-factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const OLDER = 4;

/** The entries of the history list on a page. */
function historyOf(html: string): string {
  const start = html.indexOf('Historial</h2>');
  assert.ok(start >= 0, 'the page has a history');
  return html.slice(start, html.indexOf('</ol>', start));
}
const entries = (history: string) => history.match(/<li>/g)?.length ?? 0;

describe('status histories, cut to their latest entries', () => {
  let test: TestApp;
  const paths: Record<string, string> = {};

  /** OLDER entries of the `first` action, then HISTORY_SHOWN of `latest`, a minute apart. */
  async function seed(subjectType: string, subjectId: string, first: string, latest: string) {
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    await test.database.db.insert(auditEvents).values(
      Array.from({ length: OLDER + HISTORY_SHOWN }, (_, n) => ({
        action: `${subjectType}.${n < OLDER ? first : latest}`,
        subjectType,
        subjectId,
        createdAt: new Date(start + n * 60_000),
      })),
    );
  }

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const organization = await makeOrganization(db);
    const challenge = await makeChallenge(db, { organizationId: organization.id });
    await seed('challenge', challenge.id, 'create', 'reopen');
    paths.challenge = `/retos/${challenge.slug}`;
    const proposal = await makeProposal(db, { overrides: { status: 'submitted' } });
    await seed('proposal', proposal.id, 'create', 'submit');
    paths.proposal = `/propuestas/${proposal.id}`;
    const [pledge] = await db
      .insert(sponsorships)
      .values({
        challengeId: challenge.id,
        organizationId: organization.id,
        kind: 'mentorship',
        description: 'Mentoría',
      })
      .returning();
    await seed('sponsorship', pledge!.id, 'pledge', 'fulfill');
    paths.sponsorship = `/patrocinios/${pledge!.id}`;
  });
  after(() => test.close());

  const cases = [
    { subject: 'challenge', oldest: 'Creado', latest: 'Reabierto' },
    { subject: 'proposal', oldest: 'Borrador creado', latest: 'Propuesta enviada' },
    {
      subject: 'sponsorship',
      oldest: 'Compromiso publicado',
      latest: 'Entrega registrada por la oficina',
    },
  ];
  for (const { subject, oldest, latest } of cases)
    it(`shows the latest ${HISTORY_SHOWN} of a ${subject}'s history and counts the older`, async () => {
      const page = await visitor(test.app).get(paths[subject]!).expect(200);
      const history = historyOf(page.text);
      assert.equal(entries(history), HISTORY_SHOWN);
      assert.ok(history.includes(latest));
      assert.ok(!history.includes(`<li>${oldest} `), 'the oldest entries are left out');
      assert.match(page.text, new RegExp(`Y ${OLDER} cambios anteriores\\.`));
    });
});

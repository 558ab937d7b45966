import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  challenges,
  challengeStatuses,
  proposalStatuses,
  proposals,
  type Challenge,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import {
  isPublicProposal,
  publicProposalCondition,
} from '../../../../server/proposals/visibility.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

describe('a draft withdrawn before it was ever submitted', () => {
  let test: TestApp;
  let organization: Organization;
  let challenge: Challenge;
  let lead: User;
  const title = 'Borrador que nunca se envió';

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    organization = await makeOrganization(db, { name: 'Colectivo del Mezquital' });
    challenge = await makeChallenge(db, { organizationId: organization.id });
    lead = await makeVolunteer(db, { githubLogin: 'lider-sin-envio' });
  });
  after(() => test.close());

  it('appears on no public page once its team withdraws it', async () => {
    const db = test.database.db;
    const draft = await makeProposal(db, { challenge, lead, overrides: { title } });
    // The lead withdraws it through the page, as a person would.
    const { person } = await signInByEmail(test, lead.email!);
    const page = await person.get(`/propuestas/${draft.id}`).expect(200);
    await person
      .postForm(`/propuestas/${draft.id}/retirar`, { _csrf: csrfTokenIn(page.text) })
      .expect(303);
    const [withdrawn] = await db.select().from(proposals).where(eq(proposals.id, draft.id));
    assert.equal(withdrawn!.status, 'withdrawn');
    assert.equal(withdrawn!.submittedAt, null);
    // A delivered solution by the same volunteer shows the public pages do list their work.
    await makeProposal(db, {
      challenge,
      lead,
      overrides: { title: 'Solución entregada', status: 'delivered' },
    });

    const anyone = visitor(test.app);
    await anyone.get(`/propuestas/${draft.id}`).expect(404);
    for (const path of [
      `/retos/${challenge.slug}`,
      `/voluntarios/${lead.githubLogin}`,
      `/organizaciones/${organization.slug}`,
      '/',
      `/retos?q=${encodeURIComponent(challenge.title)}`,
    ]) {
      const response = await anyone.get(path).expect(200);
      assert.doesNotMatch(response.text, new RegExp(title), path);
    }
    const profile = await anyone.get(`/voluntarios/${lead.githubLogin}`).expect(200);
    assert.match(profile.text, /Solución entregada/);
    // Its own team still finds it.
    const mine = await person.get('/mi-trabajo').expect(200);
    assert.match(mine.text, new RegExp(title));
  });

  it('is judged the same by the rule and by the queries that list public proposals', async () => {
    const db = test.database.db;
    const cases: { id: string; expected: boolean; label: string }[] = [];
    for (const challengeStatus of challengeStatuses) {
      const onChallenge = await makeChallenge(db, {
        organizationId: organization.id,
        status: challengeStatus,
      });
      for (const status of proposalStatuses) {
        for (const submittedAt of [null, new Date()]) {
          const proposal = await makeProposal(db, {
            challenge: onChallenge,
            overrides: { status, submittedAt },
          });
          cases.push({
            id: proposal.id,
            expected: isPublicProposal(proposal, onChallenge),
            label: `${status}, ${submittedAt ? 'sent' : 'never sent'}, on a ${challengeStatus} challenge`,
          });
        }
      }
    }
    const listed = new Set(
      (
        await db
          .select({ id: proposals.id })
          .from(proposals)
          .innerJoin(challenges, eq(challenges.id, proposals.challengeId))
          .where(and(eq(challenges.organizationId, organization.id), publicProposalCondition))
      ).map((row) => row.id),
    );
    for (const { id, expected, label } of cases) assert.equal(listed.has(id), expected, label);
    assert.ok(cases.some((one) => one.expected) && cases.some((one) => !one.expected));
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Challenge, Proposal, User } from '../../../models/schema/index.ts';
import { retryFailedEmails } from '../../../server/admin/outbox-admin.ts';
import { changeChallengeStatus } from '../../../server/challenges/status-change.ts';
import { replicateChallenge } from '../../../server/challenges/replicas.ts';
import { watchChallenge } from '../../../server/challenges/watches.ts';
import { createChallenge, updateChallenge } from '../../../server/challenges/write-service.ts';
import {
  claimChallenge,
  releaseClaimAsOrganization,
  releaseOwnClaim,
} from '../../../server/claims/service.ts';
import { ForbiddenError, NotFoundError } from '../../../server/errors.ts';
import { unsubscribeWithToken } from '../../../server/notifications/preferences.ts';
import {
  acceptInvitation,
  createInvitation,
  revokeInvitation,
} from '../../../server/organizations/invitations.ts';
import { changeMemberRole, endMembership } from '../../../server/organizations/members.ts';
import {
  createOrganization,
  setVerification,
  updateOrganization,
} from '../../../server/organizations/service.ts';
import { createProposal, updateProposal } from '../../../server/proposals/drafting.ts';
import { changeProposalStatus } from '../../../server/proposals/status-change.ts';
import {
  checkProposalRepository,
  submitProposal,
  withdrawProposal,
} from '../../../server/proposals/submission.ts';
import { answerQuestion, askQuestion } from '../../../server/questions/service.ts';
import { saveScores } from '../../../server/reviews/scores.ts';
import {
  amendSponsorship,
  fulfilSponsorship,
  pledgeSponsorship,
  respondToFulfilment,
  withdrawSponsorship,
} from '../../../server/sponsorships/index.ts';
import { answerInvitation, inviteToTeam, removeFromTeam } from '../../../server/teams/service.ts';
import { recordAdoption } from '../../../server/tracking/adoptions.ts';
import { endorseProposal } from '../../../server/tracking/endorsements.ts';
import { addProgressUpdate } from '../../../server/tracking/progress.ts';
import { makeSponsorship } from '../../support/challenge-factories.ts';
import { makeClaim } from '../../support/claim-factories.ts';
import { databaseSnapshot } from '../../support/database-snapshot.ts';
import { makeChallenge, makeMember, makeOrganization, makeUser } from '../../support/factories.ts';
import { makeInvitation } from '../../support/organization-factories.ts';
import { addTeamMember, makeProposal, makeVolunteer } from '../../support/proposal-factories.ts';
import { buildTestApp, type TestApp } from '../../support/test-app.ts';
import { challengeQuestions } from '../../../models/schema/index.ts';
import { challengeServiceInput } from '../../support/challenge-form.ts';

// Every service function that changes data, called directly (no route, no page) by someone who
// has no say in the matter: it must refuse with its typed error and leave the database as it was.
// A route that forgets its own check therefore cannot open a hole.

const challengeInput = challengeServiceInput({
  title: 'Un reto que nadie pidió',
  pitch: 'Resumen.',
});
const proposalInput = {
  title: 'Propuesta ajena',
  summary: 'Resumen.',
  approach: 'Enfoque.',
  repositoryUrl: null,
  demoUrl: null,
  technologies: [],
};
// Never reached: GitHub is asked only once the actor is allowed to.
const githubApi = 'http://127.0.0.1:9/api';

describe('state-changing services refuse outsiders without a route', () => {
  let test: TestApp;
  let stranger: User;
  let emailOnly: User;
  let gone: User;
  let challenge: Challenge;
  let draftChallenge: Challenge;
  const proposalIn = {} as Record<'draft' | 'submitted' | 'accepted' | 'delivered', Proposal>;
  let member: User;
  let claimId: string;
  let questionId: string;
  let organizationMember: User;
  let officeId: string;
  let sponsorshipId: string;
  let invitationId: string;
  let invitationToken: string;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const organization = await makeOrganization(db, { name: 'Organización dueña' });
    organizationMember = await makeMember(db, organization);
    const invitation = await makeInvitation(db, organization);
    invitationId = invitation.invitation.id;
    invitationToken = invitation.token;
    challenge = await makeChallenge(db, {
      organizationId: organization.id,
      criteria: challengeInput.criteria,
    });
    draftChallenge = await makeChallenge(db, {
      organizationId: organization.id,
      status: 'draft',
      publishedAt: null,
    });
    const lead = await makeVolunteer(db);
    member = await makeVolunteer(db);
    for (const status of ['draft', 'submitted', 'accepted', 'delivered'] as const) {
      proposalIn[status] = await makeProposal(db, { challenge, lead, overrides: { status } });
      await addTeamMember(db, proposalIn[status], member);
    }
    stranger = await makeVolunteer(db, { githubLogin: 'ajena-total' });
    emailOnly = await makeUser(db);
    gone = await makeUser(db, { deletedAt: new Date(), email: null, name: null });
    claimId = (await makeClaim(db, challenge, lead)).id;
    const [question] = await db
      .insert(challengeQuestions)
      .values({ challengeId: challenge.id, authorId: lead.id, body: 'Una pregunta pública.' })
      .returning();
    questionId = question!.id;
    const office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    officeId = office.id;
    sponsorshipId = (await makeSponsorship(db, challenge, { organizationId: office.id })).id;
  });
  after(() => test.close());

  const refusals: [string, () => Promise<unknown>, typeof ForbiddenError | typeof NotFoundError][] =
    [];
  const refuses = (
    name: string,
    call: () => Promise<unknown>,
    error: typeof ForbiddenError | typeof NotFoundError = ForbiddenError,
  ) => refusals.push([name, call, error]);

  const db = () => test.database.db;
  refuses('createChallenge', () =>
    createChallenge(db(), stranger, challenge.organizationId, challengeInput),
  );
  refuses('updateChallenge', () => updateChallenge(db(), stranger, challenge.id, challengeInput));
  refuses('changeChallengeStatus', () =>
    changeChallengeStatus(db(), test.config, stranger, challenge.id, 'close'),
  );
  refuses('replicateChallenge', () =>
    replicateChallenge(db(), stranger, challenge.id, {
      organizationId: challenge.organizationId,
      stateCode: null,
      municipality: null,
    }),
  );
  refuses('watchChallenge (a draft)', () => watchChallenge(db(), stranger, draftChallenge.id));
  refuses('createProposal (no GitHub account)', () =>
    createProposal(db(), emailOnly, challenge.id, proposalInput),
  );
  refuses('updateProposal', () =>
    updateProposal(db(), stranger, proposalIn.submitted.id, proposalInput),
  );
  refuses('changeProposalStatus accept', () =>
    changeProposalStatus(db(), stranger, proposalIn.submitted.id, 'accept'),
  );
  refuses('changeProposalStatus start', () =>
    changeProposalStatus(db(), stranger, proposalIn.accepted.id, 'start'),
  );
  refuses(
    'submitProposal (a draft it cannot see)',
    () => submitProposal(db(), githubApi, stranger, proposalIn.draft.id),
    NotFoundError,
  );
  refuses('withdrawProposal', () => withdrawProposal(db(), stranger, proposalIn.submitted.id));
  refuses('checkProposalRepository', () =>
    checkProposalRepository(db(), githubApi, stranger, proposalIn.submitted.id),
  );
  refuses('inviteToTeam', () =>
    inviteToTeam(db(), stranger, proposalIn.submitted.id, 'ajena-total'),
  );
  refuses('answerInvitation', () =>
    answerInvitation(db(), stranger, proposalIn.submitted.id, true),
  );
  refuses('removeFromTeam', () =>
    removeFromTeam(db(), stranger, proposalIn.submitted.id, member.id),
  );
  refuses('saveScores', () =>
    saveScores(db(), stranger, proposalIn.submitted.id, [
      { criterionId: randomUUID(), criterion: 'Impacto', score: 5, comment: '' },
    ]),
  );
  refuses('addProgressUpdate', () =>
    addProgressUpdate(db(), stranger, proposalIn.accepted.id, {
      body: 'Avance ajeno.',
      milestone: null,
      linkUrl: null,
    }),
  );
  refuses('recordAdoption', () =>
    recordAdoption(db(), stranger, proposalIn.delivered.id, {
      organizationId: challenge.organizationId,
      since: '2026-01-01',
      evidenceUrl: 'https://example.org/acta',
    }),
  );
  refuses('endorseProposal', () =>
    endorseProposal(db(), stranger, proposalIn.delivered.id, {
      organizationId: challenge.organizationId,
      statement: 'Nos sirve.',
    }),
  );
  refuses('claimChallenge (no GitHub account)', () =>
    claimChallenge(db(), emailOnly, challenge.id),
  );
  refuses('releaseClaimAsOrganization', () =>
    releaseClaimAsOrganization(db(), stranger, challenge.id, claimId, 'Porque sí.'),
  );
  refuses('askQuestion (a deleted account)', () =>
    askQuestion(db(), test.config.baseUrl, gone, challenge.id, 'Una pregunta de nadie.'),
  );
  refuses('answerQuestion (a deleted account)', () =>
    answerQuestion(db(), test.config.baseUrl, gone, challenge.id, questionId, 'Respuesta.'),
  );
  refuses('retryFailedEmails', () => retryFailedEmails(db(), test.config, stranger));
  refuses('pledgeSponsorship', () =>
    pledgeSponsorship(db(), stranger, challenge.id, {
      organizationId: officeId,
      kind: 'prize',
      amountCentavos: 100_00,
      description: '',
      terms: '',
    }),
  );
  refuses('fulfilSponsorship', () =>
    fulfilSponsorship(db(), stranger, sponsorshipId, {
      delivered: 'Nada',
      deliveredOn: '2026-01-02',
      evidenceUrl: 'https://example.org/recibo.pdf',
      note: '',
    }),
  );
  refuses('respondToFulfilment', () =>
    respondToFulfilment(db(), stranger, sponsorshipId, { verdict: 'dispute', note: 'No llegó.' }),
  );
  refuses('amendSponsorship', () =>
    amendSponsorship(db(), stranger, sponsorshipId, {
      amountCentavos: 1_00,
      description: '',
      terms: '',
      dueOn: null,
      note: 'Ajeno.',
    }),
  );
  refuses('withdrawSponsorship', () =>
    withdrawSponsorship(db(), stranger, sponsorshipId, 'Porque sí.'),
  );
  refuses('updateOrganization', () =>
    updateOrganization(db(), stranger, challenge.organizationId, {
      name: 'Nombre ajeno',
      kind: 'community',
      description: '',
      stateCode: null,
      municipality: null,
      websiteUrl: null,
    }),
  );
  refuses('setVerification', () =>
    setVerification(db(), test.config, stranger, officeId, 'verify'),
  );
  refuses('createInvitation', () =>
    createInvitation(db(), stranger, challenge.organizationId, 'colado@example.org', 'es'),
  );
  refuses('revokeInvitation', () =>
    revokeInvitation(db(), stranger, challenge.organizationId, invitationId),
  );
  refuses('endMembership', () =>
    endMembership(db(), stranger, challenge.organizationId, organizationMember.id),
  );
  refuses('createOrganization (a deleted account)', () =>
    createOrganization(db(), gone, {
      name: 'Organización de nadie',
      kind: 'community',
      description: '',
      stateCode: null,
      municipality: null,
      websiteUrl: null,
    }),
  );
  refuses('changeMemberRole', () =>
    changeMemberRole(db(), stranger, challenge.organizationId, organizationMember.id, 'owner'),
  );

  for (const [name, call, error] of refusals) {
    it(`${name} refuses with ${error.name} and changes nothing`, async () => {
      const before = await databaseSnapshot(db());
      await assert.rejects(call, (thrown: unknown) => {
        assert.ok(thrown instanceof error, `${name} threw ${String(thrown)}`);
        return true;
      });
      assert.equal(await databaseSnapshot(db()), before, `${name} wrote something`);
    });
  }

  it('acceptInvitation turns away an address the invitation is not for, changing nothing', async () => {
    const before = await databaseSnapshot(db());
    const answer = await acceptInvitation(db(), stranger, invitationToken);
    assert.equal(answer.outcome, 'other-address');
    assert.equal(await databaseSnapshot(db()), before);
  });

  it('releaseOwnClaim releases nothing for someone whose claim it is not', async () => {
    const before = await databaseSnapshot(db());
    assert.equal(await releaseOwnClaim(db(), stranger, challenge.id), undefined);
    assert.equal(await databaseSnapshot(db()), before);
  });

  it('unsubscribeWithToken refuses a token it did not sign and changes nothing', async () => {
    const before = await databaseSnapshot(db());
    const forged = `${Buffer.from(`${stranger.id}.all`).toString('base64url')}.firma-falsa`;
    assert.equal(await unsubscribeWithToken(db(), test.config, forged), null);
    assert.equal(await databaseSnapshot(db()), before);
  });
});

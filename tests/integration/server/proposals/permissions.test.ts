import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  memberships,
  proposals,
  type Challenge,
  type Organization,
  type Proposal,
  type ProposalStatus,
  type User,
} from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization, makeUser } from '../../../support/factories.ts';
import { startFakeGithub } from '../../../support/fake-github.ts';
import { addTeamMember, makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

describe('who may see and change a proposal', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  let test: TestApp;
  let organization: Organization;
  let challenge: Challenge;
  let leadUser: User;
  let memberUser: User;
  let inviteeUser: User;
  const people = {} as Record<
    'lead' | 'member' | 'invitee' | 'stranger' | 'organizer' | 'anonymous',
    Person
  >;

  const signIn = async (user: User) => (await signInByEmail(test, user.email!)).person;
  const token = async (person: Person) => csrfTokenIn((await person.get('/')).text);
  const statusOf = async (proposal: Proposal) =>
    (await test.database.db.select().from(proposals).where(eq(proposals.id, proposal.id)))[0]!
      .status;

  /** A proposal of this team: the lead, an accepted member and a pending invitee. */
  async function teamProposal(status: ProposalStatus, overrides: Partial<Proposal> = {}) {
    const proposal = await makeProposal(test.database.db, {
      challenge,
      lead: leadUser,
      overrides: { status, ...overrides },
    });
    await addTeamMember(test.database.db, proposal, memberUser);
    await addTeamMember(test.database.db, proposal, inviteeUser, { accepted: false });
    return proposal;
  }

  before(async () => {
    github = await startFakeGithub();
    test = await buildTestApp({ env: github.env });
    organization = await makeOrganization(test.database.db, { name: 'Vecinos del Atoyac' });
    challenge = await makeChallenge(test.database.db, { organizationId: organization.id });
    leadUser = await makeVolunteer(test.database.db);
    memberUser = await makeVolunteer(test.database.db);
    inviteeUser = await makeVolunteer(test.database.db);
    const organizer = await makeUser(test.database.db);
    await test.database.db
      .insert(memberships)
      .values({ organizationId: organization.id, userId: organizer.id });
    people.lead = await signIn(leadUser);
    people.member = await signIn(memberUser);
    people.invitee = await signIn(inviteeUser);
    people.stranger = await signIn(await makeVolunteer(test.database.db));
    people.organizer = await signIn(organizer);
    people.anonymous = visitor(test.app);
  });
  after(async () => {
    await test.close();
    await github.close();
  });

  it('shows a draft only to its team and to the people invited to it', async () => {
    const draft = await teamProposal('draft', { title: 'Borrador secreto' });
    const expected = {
      lead: 200,
      member: 200,
      invitee: 200,
      stranger: 404,
      organizer: 404,
      anonymous: 404,
    } as const;
    for (const [who, status] of Object.entries(expected)) {
      const page = await people[who as keyof typeof people].get(`/propuestas/${draft.id}`);
      assert.equal(page.status, status, who);
      if (status === 404) assert.doesNotMatch(page.text, /Borrador secreto/, who);
    }
    const challengePage = await people.organizer.get(`/retos/${challenge.slug}`);
    assert.doesNotMatch(challengePage.text, /Borrador secreto/);
    assert.equal((await people.stranger.get(`/propuestas/${draft.id}/editar`)).status, 404);
  });

  it('keeps a draft withdrawn before submission private, and makes submitted proposals public', async () => {
    const withdrawnDraft = await teamProposal('withdrawn', { submittedAt: null });
    assert.equal((await people.anonymous.get(`/propuestas/${withdrawnDraft.id}`)).status, 404);
    assert.equal((await people.member.get(`/propuestas/${withdrawnDraft.id}`)).status, 200);
    for (const status of ['submitted', 'declined', 'delivered', 'withdrawn'] as const) {
      const proposal = await teamProposal(status);
      assert.equal((await people.anonymous.get(`/propuestas/${proposal.id}`)).status, 200, status);
    }
    assert.equal((await people.anonymous.get('/propuestas/not-a-uuid')).status, 404);
  });

  it('lets the team, and only the team, edit while the proposal is alive', async () => {
    for (const status of ['draft', 'submitted', 'accepted', 'in_progress'] as const) {
      const proposal = await teamProposal(status);
      const path = `/propuestas/${proposal.id}/editar`;
      assert.equal((await people.lead.get(path)).status, 200, `lead, ${status}`);
      assert.equal((await people.member.get(path)).status, 200, `member, ${status}`);
      assert.equal((await people.invitee.get(path)).status, 403, `invitee, ${status}`);
      if (status !== 'draft') {
        assert.equal((await people.stranger.get(path)).status, 403, `stranger, ${status}`);
        assert.equal((await people.organizer.get(path)).status, 403, `organizer, ${status}`);
        const refused = await people.stranger.postForm(path, {
          _csrf: await token(people.stranger),
          title: 'Secuestrada',
          summary: 'x',
        });
        assert.equal(refused.status, 403);
      }
    }
    for (const status of ['declined', 'delivered', 'adopted', 'withdrawn'] as const) {
      const proposal = await teamProposal(status);
      const path = `/propuestas/${proposal.id}/editar`;
      assert.equal((await people.lead.get(path)).status, 403, `lead, ${status}`);
      const refused = await people.lead.postForm(path, {
        _csrf: await token(people.lead),
        title: 'Cambio tardío',
        summary: 'x',
      });
      assert.equal(refused.status, 403);
      const [row] = await test.database.db
        .select()
        .from(proposals)
        .where(eq(proposals.id, proposal.id));
      assert.notEqual(row!.title, 'Cambio tardío');
    }
  });

  it('lets only the lead submit, and only a draft', async () => {
    github.repositories.push({
      owner: leadUser.githubLogin!,
      name: 'permisos',
      private: false,
      license: { spdx_id: 'MIT', name: 'MIT License' },
    });
    const draft = await teamProposal('draft', {
      repositoryUrl: `https://github.com/${leadUser.githubLogin}/permisos`,
    });
    const path = `/propuestas/${draft.id}/enviar`;
    for (const who of ['member', 'invitee'] as const) {
      const refused = await people[who].postForm(path, { _csrf: await token(people[who]) });
      assert.equal(refused.status, 403, who);
    }
    for (const who of ['stranger', 'organizer'] as const) {
      const hidden = await people[who].postForm(path, { _csrf: await token(people[who]) });
      assert.equal(hidden.status, 404, who);
    }
    assert.equal(await statusOf(draft), 'draft');
    const member = await people.member.get(`/propuestas/${draft.id}`);
    assert.doesNotMatch(member.text, /action="\/propuestas\/[^"]+\/enviar"/);
    assert.match(member.text, /Solo la persona que encabeza el equipo puede enviar/);

    const page = await people.lead.get(`/propuestas/${draft.id}`);
    assert.match(page.text, /action="\/propuestas\/[^"]+\/enviar"/);
    const submitted = await people.lead.postForm(path, { _csrf: csrfTokenIn(page.text) });
    assert.equal(submitted.status, 303);
    assert.equal(await statusOf(draft), 'submitted');
    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, draft.id), eq(auditEvents.action, 'proposal.submit')));
    assert.equal(event!.actorId, leadUser.id);
    assert.equal(event!.subjectType, 'proposal');
    assert.equal((event!.before as { status: string }).status, 'draft');
    assert.equal((event!.after as { status: string }).status, 'submitted');

    const again = await people.lead.postForm(path, { _csrf: csrfTokenIn(page.text) });
    assert.equal(again.status, 403, 'a submitted proposal is not submitted twice');
    for (const status of ['accepted', 'declined', 'withdrawn'] as const) {
      const proposal = await teamProposal(status);
      const refused = await people.lead.postForm(`/propuestas/${proposal.id}/enviar`, {
        _csrf: await token(people.lead),
      });
      assert.equal(refused.status, 403, status);
      assert.equal(await statusOf(proposal), status);
    }
  });

  it('does not submit an incomplete draft, and says what is missing', async () => {
    const draft = await teamProposal('draft', { approach: '', repositoryUrl: null });
    const page = await people.lead.get(`/propuestas/${draft.id}`);
    assert.match(page.text, /Describe el enfoque\./);
    const response = await people.lead.postForm(`/propuestas/${draft.id}/enviar`, {
      _csrf: csrfTokenIn(page.text),
    });
    assert.equal(response.status, 422);
    assert.match(
      response.text,
      /Aún no se puede enviar\. Describe el enfoque\. Indica el repositorio en GitHub\./,
    );
    assert.equal(await statusOf(draft), 'draft');
  });

  it('does not submit a draft once the challenge stops taking proposals', async () => {
    const closed = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'closed',
    });
    const draft = await makeProposal(test.database.db, { challenge: closed, lead: leadUser });
    const response = await people.lead.postForm(`/propuestas/${draft.id}/enviar`, {
      _csrf: await token(people.lead),
    });
    assert.equal(response.status, 403);
    assert.match(response.text, /Este reto no recibe propuestas/);
    assert.equal(await statusOf(draft), 'draft');
  });

  it('lets the team withdraw any time before delivery, with an audit event', async () => {
    for (const status of ['draft', 'submitted', 'accepted', 'in_progress'] as const) {
      const proposal = await teamProposal(status);
      for (const who of ['invitee', 'organizer', 'stranger'] as const) {
        const refused = await people[who].postForm(`/propuestas/${proposal.id}/retirar`, {
          _csrf: await token(people[who]),
        });
        assert.equal(
          refused.status,
          status === 'draft' && who !== 'invitee' ? 404 : 403,
          `${who}, ${status}`,
        );
      }
      assert.equal(await statusOf(proposal), status);
      const withdrawn = await people.member.postForm(`/propuestas/${proposal.id}/retirar`, {
        _csrf: await token(people.member),
      });
      assert.equal(withdrawn.status, 303, status);
      assert.equal(await statusOf(proposal), 'withdrawn');
      const [event] = await test.database.db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.subjectId, proposal.id), eq(auditEvents.action, 'proposal.withdraw')),
        );
      assert.equal(event!.actorId, memberUser.id);
      assert.equal((event!.before as { status: string }).status, status);
    }
    for (const status of ['delivered', 'adopted', 'declined', 'withdrawn'] as const) {
      const proposal = await teamProposal(status);
      const refused = await people.lead.postForm(`/propuestas/${proposal.id}/retirar`, {
        _csrf: await token(people.lead),
      });
      assert.equal(refused.status, 403, status);
      assert.equal(await statusOf(proposal), status);
      const page = await people.lead.get(`/propuestas/${proposal.id}`);
      assert.doesNotMatch(page.text, /\/retirar"/, `no withdraw button when ${status}`);
    }
  });
});

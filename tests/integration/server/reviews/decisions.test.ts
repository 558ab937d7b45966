import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditEvents, users } from '../../../../models/schema/index.ts';
import { auditEventsFor } from '../../../support/organization-factories.ts';
import {
  challengeRow,
  makeTeamProposal,
  proposalRow,
  reviewWorld,
  type ReviewWorld,
} from '../../../support/review-factories.ts';

describe('accepting and declining proposals', () => {
  let world: ReviewWorld;

  before(async () => {
    world = await reviewWorld();
    // The teammate reads Retos in English: their email comes in English.
    await world.db.update(users).set({ locale: 'en' }).where(eq(users.id, world.teammate.user.id));
  });
  after(() => world.test.close());

  const mailSince = (count: number) => world.test.mail.slice(count);

  it('lets the posting organization accept a submitted proposal: the challenge starts, both audited, the team told', async () => {
    const challenge = await world.newChallenge({ title: 'Baches en Cholula' });
    const proposal = await world.proposal('submitted', { challenge, title: 'Mapa de baches' });
    const sent = world.test.mail.length;

    const response = await world.post(world.reviewer.person, `/propuestas/${proposal.id}/aceptar`);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, `/propuestas/${proposal.id}`);

    const accepted = await proposalRow(world.db, proposal.id);
    assert.equal(accepted.status, 'accepted');
    assert.ok(accepted.acceptedAt, 'the acceptance is dated');
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'in_progress');

    const [proposalEvent] = await auditEventsFor(world.db, proposal.id, 'proposal.accept');
    assert.equal(proposalEvent!.actorId, world.reviewer.user.id);
    assert.deepEqual(proposalEvent!.before, { status: 'submitted' });
    assert.deepEqual(proposalEvent!.after, { status: 'accepted' });
    assert.equal(proposalEvent!.organizationId, world.organization.id);
    const [challengeEvent] = await auditEventsFor(world.db, challenge.id, 'challenge.start');
    assert.equal(challengeEvent!.actorId, world.reviewer.user.id);
    assert.deepEqual(challengeEvent!.before, { status: 'open' });
    assert.deepEqual(challengeEvent!.after, { status: 'in_progress', proposalId: proposal.id });

    const told = mailSince(sent);
    assert.deepEqual(told.map((mail) => mail.to).sort(), [
      'equipo@example.org',
      'lider@example.org',
    ]);
    const spanish = told.find((mail) => mail.to === 'lider@example.org')!;
    assert.equal(spanish.subject, 'Tu propuesta fue aceptada: Mapa de baches');
    assert.match(
      spanish.text,
      /Vecinos del Atoyac aceptó la propuesta «Mapa de baches» para el reto «Baches en Cholula»/,
    );
    assert.match(spanish.text, new RegExp(`/propuestas/${proposal.id}`));
    const english = told.find((mail) => mail.to === 'equipo@example.org')!;
    assert.equal(english.subject, 'Your proposal was accepted: Mapa de baches');

    const page = await world.guest.get(`/retos/${challenge.slug}`);
    assert.match(page.text, /En desarrollo/);
  });

  it('leaves a challenge that is already in progress as it is when another proposal is accepted', async () => {
    const challenge = await world.newChallenge({ status: 'in_progress' });
    const proposal = await world.proposal('submitted', { challenge });
    const response = await world.post(world.reviewer.person, `/propuestas/${proposal.id}/aceptar`);
    assert.equal(response.status, 303);
    assert.equal((await proposalRow(world.db, proposal.id)).status, 'accepted');
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'in_progress');
    assert.equal((await auditEventsFor(world.db, challenge.id, 'challenge.start')).length, 0);
  });

  it('refuses acceptance to the team, another organization, a stranger and a visitor, changing nothing', async () => {
    const challenge = await world.newChallenge();
    const proposal = await world.proposal('submitted', { challenge });
    const sent = world.test.mail.length;
    for (const [who, person] of [
      ['lead', world.lead.person],
      ['teammate', world.teammate.person],
      ['other organization', world.otherMember.person],
      ['stranger', world.stranger.person],
    ] as const) {
      const response = await world.post(person, `/propuestas/${proposal.id}/aceptar`);
      assert.equal(response.status, 403, who);
      assert.match(
        response.text,
        who === 'teammate'
          ? /Only people from the organization that posted the challenge can do this/
          : /Solo las personas de la organización que publicó el reto pueden hacer esto/,
        who,
      );
    }
    const guest = await world.postAsGuest(`/propuestas/${proposal.id}/aceptar`);
    assert.equal(guest.status, 303);
    assert.equal(guest.headers.location, '/entrar');

    assert.equal((await proposalRow(world.db, proposal.id)).status, 'submitted');
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'open');
    assert.equal((await auditEventsFor(world.db, proposal.id)).length, 0);
    assert.equal(world.test.mail.length, sent);
  });

  it('accepts and declines only proposals waiting for an answer', async () => {
    for (const status of [
      'accepted',
      'declined',
      'in_progress',
      'delivered',
      'withdrawn',
    ] as const) {
      const proposal = await world.proposal(status);
      for (const action of ['aceptar', 'rechazar'] as const) {
        const response = await world.post(
          world.reviewer.person,
          `/propuestas/${proposal.id}/${action}`,
          {
            reason: 'No nos sirve.',
          },
        );
        assert.equal(response.status, 403, `${action} ${status}`);
        assert.match(response.text, /Solo se (acepta|rechaza) una propuesta enviada/);
      }
      assert.equal((await proposalRow(world.db, proposal.id)).status, status);
    }
    // A draft is the team's alone: the organization does not even see it.
    const draft = await world.proposal('draft');
    const response = await world.post(world.reviewer.person, `/propuestas/${draft.id}/aceptar`);
    assert.equal(response.status, 404);
    assert.equal((await proposalRow(world.db, draft.id)).status, 'draft');
  });

  it('does not let someone on the team who also belongs to the organization review their own proposal', async () => {
    const proposal = await makeTeamProposal(world.db, world.challenge, {
      lead: world.secondReviewer.user,
    });
    for (const action of ['aceptar', 'rechazar']) {
      const response = await world.post(
        world.secondReviewer.person,
        `/propuestas/${proposal.id}/${action}`,
        { reason: 'Conflicto' },
      );
      assert.equal(response.status, 403);
      assert.match(response.text, /Formas parte del equipo de esta propuesta/);
    }
    assert.equal((await proposalRow(world.db, proposal.id)).status, 'submitted');
    // Someone else from the organization can.
    const response = await world.post(world.reviewer.person, `/propuestas/${proposal.id}/aceptar`);
    assert.equal(response.status, 303);
  });

  it('declines with a reason that is public and sent to the team; the challenge stays open', async () => {
    const challenge = await world.newChallenge();
    const proposal = await world.proposal('submitted', { challenge, title: 'App de lluvia' });
    const sent = world.test.mail.length;
    const response = await world.post(
      world.reviewer.person,
      `/propuestas/${proposal.id}/rechazar`,
      {
        reason: '  No usa los datos abiertos del municipio.\nPueden volver a proponer.  ',
      },
    );
    assert.equal(response.status, 303);

    const declined = await proposalRow(world.db, proposal.id);
    assert.equal(declined.status, 'declined');
    assert.equal(
      declined.declineReason,
      'No usa los datos abiertos del municipio.\nPueden volver a proponer.',
    );
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'open');
    const [event] = await auditEventsFor(world.db, proposal.id, 'proposal.decline');
    assert.deepEqual(event!.after, {
      status: 'declined',
      declineReason: 'No usa los datos abiertos del municipio.\nPueden volver a proponer.',
    });

    const told = world.test.mail.slice(sent);
    assert.equal(told.length, 2);
    const spanish = told.find((mail) => mail.to === 'lider@example.org')!;
    assert.equal(spanish.subject, 'Respuesta a tu propuesta: App de lluvia');
    assert.match(spanish.text, /No usa los datos abiertos del municipio\./);

    const page = await world.guest.get(`/propuestas/${proposal.id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Motivo del rechazo/);
    assert.match(page.text, /No usa los datos abiertos del municipio\./);
  });

  it('asks for the reason with 422, keeping what was typed and changing nothing', async () => {
    const proposal = await world.proposal('submitted');
    const blank = await world.post(world.reviewer.person, `/propuestas/${proposal.id}/rechazar`, {
      reason: '   ',
    });
    assert.equal(blank.status, 422);
    assert.match(blank.text, /Escribe el motivo del rechazo: es público y lo recibe el equipo\./);
    assert.match(blank.text, /id="decline-reason"[^>]*aria-invalid="true"/);

    const long = 'Demasiado largo. '.repeat(130);
    const tooLong = await world.post(world.reviewer.person, `/propuestas/${proposal.id}/rechazar`, {
      reason: long,
    });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.text, /El motivo es demasiado largo/);
    assert.ok(tooLong.text.includes(`${long}</textarea>`), 'the reason is shown again');

    assert.equal((await proposalRow(world.db, proposal.id)).status, 'submitted');
    assert.equal((await auditEventsFor(world.db, proposal.id)).length, 0);
  });

  it('refuses a decline by people outside the organization before looking at the reason', async () => {
    const proposal = await world.proposal('submitted');
    for (const person of [world.lead.person, world.otherMember.person, world.stranger.person]) {
      const response = await world.post(person, `/propuestas/${proposal.id}/rechazar`, {
        reason: '',
      });
      assert.equal(response.status, 403);
    }
    const guest = await world.postAsGuest(`/propuestas/${proposal.id}/rechazar`, { reason: 'x' });
    assert.equal(guest.status, 303);
    assert.equal((await proposalRow(world.db, proposal.id)).status, 'submitted');
    const events = await world.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, proposal.id));
    assert.equal(events.length, 0);
  });

  it('shows the organization the review buttons, and nobody else', async () => {
    const proposal = await world.proposal('submitted');
    const path = `/propuestas/${proposal.id}`;
    const mine = await world.reviewer.person.get(path);
    assert.match(mine.text, new RegExp(`action="/propuestas/${proposal.id}/aceptar"`));
    assert.match(mine.text, new RegExp(`action="/propuestas/${proposal.id}/rechazar"`));
    assert.match(mine.text, new RegExp(`href="/propuestas/${proposal.id}/evaluar"`));
    for (const person of [world.lead.person, world.otherMember.person, world.guest]) {
      const page = await person.get(path);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /\/aceptar"/);
      assert.doesNotMatch(page.text, /\/evaluar"/);
    }
  });
});

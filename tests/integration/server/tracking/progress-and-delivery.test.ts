import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { claims, progressUpdates } from '../../../../models/schema/index.ts';
import { auditEventsFor } from '../../../support/organization-factories.ts';
import {
  challengeRow,
  makeClaim,
  makeTeamProposal,
  proposalRow,
  reviewWorld,
  type Person,
  type ReviewWorld,
} from '../../../support/review-factories.ts';

describe('tracking a proposal: starting, progress and delivery', () => {
  let world: ReviewWorld;

  before(async () => {
    world = await reviewWorld();
  });
  after(() => world.test.close());

  const updatesOf = (proposalId: string) =>
    world.db.select().from(progressUpdates).where(eq(progressUpdates.proposalId, proposalId));

  it('walks submitted → accepted → in progress → delivered, the challenge following, every step audited', async () => {
    const challenge = await world.newChallenge({ title: 'Agua potable en Tlaxcala' });
    const proposal = await world.proposal('submitted', { challenge, title: 'Medidores abiertos' });
    const id = proposal.id;
    assert.equal(
      (await world.post(world.reviewer.person, `/propuestas/${id}/aceptar`)).status,
      303,
    );
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'in_progress');
    assert.equal(
      (await world.post(world.teammate.person, `/propuestas/${id}/iniciar`)).status,
      303,
    );
    assert.equal((await proposalRow(world.db, id)).status, 'in_progress');
    const progress = await world.post(world.lead.person, `/propuestas/${id}/avances`, {
      body: 'Instalamos el primer medidor.',
      milestone: 'Piloto',
      linkUrl: 'https://github.com/retos/medidores/releases/tag/v0.1',
    });
    assert.equal(progress.status, 303);
    assert.equal(progress.headers.location, `/propuestas/${id}#avances`);

    const sent = world.test.mail.length;
    const delivered = await world.post(world.secondReviewer.person, `/propuestas/${id}/entregar`);
    assert.equal(delivered.status, 303);
    const row = await proposalRow(world.db, id);
    assert.equal(row.status, 'delivered');
    assert.ok(row.deliveredAt);
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'solved');

    assert.deepEqual(
      (await auditEventsFor(world.db, id)).map((event) => [
        event.action,
        (event.before as { status?: string } | null)?.status ?? null,
        (event.after as { status?: string }).status ?? null,
      ]),
      [
        ['proposal.accept', 'submitted', 'accepted'],
        ['proposal.start', 'accepted', 'in_progress'],
        ['proposal.progress', null, null],
        ['proposal.confirmDelivery', 'in_progress', 'delivered'],
      ],
    );
    const challengeEvents = await auditEventsFor(world.db, challenge.id);
    assert.deepEqual(
      challengeEvents.map((event) => [event.action, event.before, event.after]),
      [
        ['challenge.start', { status: 'open' }, { status: 'in_progress', proposalId: id }],
        ['challenge.solve', { status: 'in_progress' }, { status: 'solved', proposalId: id }],
      ],
    );
    assert.equal(challengeEvents[1]!.actorId, world.secondReviewer.user.id);

    const told = world.test.mail.slice(sent);
    assert.deepEqual(told.map((mail) => mail.to).sort(), [
      'equipo@example.org',
      'lider@example.org',
    ]);
    assert.equal(told[0]!.subject, 'Entrega confirmada: Medidores abiertos');
    assert.match(told[0]!.text, /El reto «Agua potable en Tlaxcala» queda como resuelto/);

    const page = await world.guest.get(`/retos/${challenge.slug}`);
    assert.match(page.text, /Resuelto/);
  });

  it('lets only the team start an accepted proposal', async () => {
    const proposal = await world.proposal('accepted');
    const path = `/propuestas/${proposal.id}/iniciar`;
    for (const [who, person] of [
      ['organization', world.reviewer.person],
      ['other organization', world.otherMember.person],
      ['stranger', world.stranger.person],
    ] as [string, Person][]) {
      const response = await world.post(person, path);
      assert.equal(response.status, 403, who);
      assert.match(response.text, /Solo el equipo de la propuesta puede hacer esto\./, who);
    }
    assert.equal((await world.postAsGuest(path)).status, 303);
    assert.equal((await proposalRow(world.db, proposal.id)).status, 'accepted');

    assert.equal((await world.post(world.lead.person, path)).status, 303);
    const [event] = await auditEventsFor(world.db, proposal.id, 'proposal.start');
    assert.equal(event!.actorId, world.lead.user.id);
    const again = await world.post(world.lead.person, path);
    assert.equal(again.status, 403);
    assert.match(again.text, /Solo una propuesta aceptada pasa a desarrollo\./);

    const submitted = await world.proposal('submitted');
    const early = await world.post(world.lead.person, `/propuestas/${submitted.id}/iniciar`);
    assert.equal(early.status, 403);
    assert.equal((await proposalRow(world.db, submitted.id)).status, 'submitted');
  });

  it('lets only the posting organization confirm delivery, of a proposal in progress', async () => {
    const challenge = await world.newChallenge({ status: 'in_progress' });
    const proposal = await world.proposal('in_progress', { challenge });
    const path = `/propuestas/${proposal.id}/entregar`;
    const sent = world.test.mail.length;
    for (const [who, person] of [
      ['lead', world.lead.person],
      ['other organization', world.otherMember.person],
      ['stranger', world.stranger.person],
    ] as [string, Person][]) {
      const response = await world.post(person, path);
      assert.equal(response.status, 403, who);
      assert.match(
        response.text,
        /Solo las personas de la organización que publicó el reto pueden hacer esto/,
      );
    }
    assert.equal((await world.postAsGuest(path)).status, 303);
    assert.equal((await proposalRow(world.db, proposal.id)).status, 'in_progress');
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'in_progress');
    assert.equal(world.test.mail.length, sent);

    const accepted = await world.proposal('accepted', { challenge });
    const early = await world.post(world.reviewer.person, `/propuestas/${accepted.id}/entregar`);
    assert.equal(early.status, 403);
    assert.match(early.text, /Solo se confirma la entrega de una propuesta en desarrollo\./);

    const own = await makeTeamProposal(world.db, challenge, {
      status: 'in_progress',
      lead: world.reviewer.user,
    });
    const conflicted = await world.post(world.reviewer.person, `/propuestas/${own.id}/entregar`);
    assert.equal(conflicted.status, 403);
    assert.match(conflicted.text, /Formas parte del equipo de esta propuesta/);
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'in_progress');
  });

  it('ends the claims on a challenge once a delivery solves it, audited with the reason', async () => {
    const challenge = await world.newChallenge({
      title: 'Basura en Cholula',
      status: 'in_progress',
    });
    const proposal = await world.proposal('in_progress', { challenge });
    const claim = await makeClaim(world.db, challenge, world.stranger.user);
    const delivered = await world.post(
      world.reviewer.person,
      `/propuestas/${proposal.id}/entregar`,
    );
    assert.equal(delivered.status, 303);
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'solved');
    const [row] = await world.db.select().from(claims).where(eq(claims.id, claim.id));
    assert.equal(row!.status, 'ended');
    const [end] = (await auditEventsFor(world.db, challenge.id)).filter(
      (event) => event.action === 'claim.end',
    );
    assert.equal(end!.actorId, world.reviewer.user.id);
    assert.equal((end!.after as { reason: string }).reason, 'solve');
  });

  it('keeps a closed challenge closed when a delivery is confirmed', async () => {
    const challenge = await world.newChallenge({ status: 'closed' });
    const proposal = await world.proposal('in_progress', { challenge });
    const sent = world.test.mail.length;
    assert.equal(
      (await world.post(world.reviewer.person, `/propuestas/${proposal.id}/entregar`)).status,
      303,
    );
    assert.equal((await proposalRow(world.db, proposal.id)).status, 'delivered');
    assert.equal((await challengeRow(world.db, challenge.id)).status, 'closed');
    assert.equal((await auditEventsFor(world.db, challenge.id)).length, 0);
    const told = world.test.mail.slice(sent);
    assert.equal(told.length, 2);
    assert.doesNotMatch(told[0]!.text, /queda como resuelto/, 'the email does not claim it');
  });

  it('takes progress updates from the team while accepted, in progress or delivered, and keeps their claims alive', async () => {
    const challenge = await world.newChallenge();
    const proposal = await world.proposal('accepted', { challenge });
    const leadClaim = await makeClaim(world.db, challenge, world.lead.user, 10);
    const teammateClaim = await makeClaim(world.db, challenge, world.teammate.user, 10);
    const strangerClaim = await makeClaim(world.db, challenge, world.stranger.user, 10);
    const path = `/propuestas/${proposal.id}/avances`;

    const first = await world.post(world.teammate.person, path, {
      body: 'Armamos el prototipo en papel.',
      milestone: '  Prototipo listo ',
      linkUrl: 'https://example.org/prototipo',
    });
    assert.equal(first.status, 303);
    const [row] = await updatesOf(proposal.id);
    assert.equal(row!.authorId, world.teammate.user.id);
    assert.equal(row!.body, 'Armamos el prototipo en papel.');
    assert.equal(row!.milestone, 'Prototipo listo');
    assert.equal(row!.linkUrl, 'https://example.org/prototipo');
    const [event] = await auditEventsFor(world.db, proposal.id, 'proposal.progress');
    assert.deepEqual(event!.after, {
      progressUpdateId: row!.id,
      milestone: 'Prototipo listo',
      linkUrl: 'https://example.org/prototipo',
    });

    const activity = async (id: string) =>
      (await world.db.select().from(claims).where(eq(claims.id, id)))[0]!.lastActivityAt;
    const recent = Date.now() - 60_000;
    assert.ok((await activity(leadClaim.id)).getTime() > recent, 'the lead claim is touched');
    assert.ok((await activity(teammateClaim.id)).getTime() > recent, 'the author claim too');
    assert.ok((await activity(strangerClaim.id)).getTime() < recent, 'other claims are not');

    await world.db
      .update(progressUpdates)
      .set({ createdAt: new Date(Date.now() - 3_600_000) })
      .where(eq(progressUpdates.proposalId, proposal.id));
    for (const status of ['in_progress', 'delivered'] as const) {
      const other = await world.proposal(status, { challenge });
      const response = await world.post(world.lead.person, `/propuestas/${other.id}/avances`, {
        body: `Avance en ${status}`,
      });
      assert.equal(response.status, 303, status);
    }
    const second = await world.post(world.lead.person, path, { body: 'Probamos con vecinos.' });
    assert.equal(second.status, 303);
    const [newest] = await updatesOf(proposal.id).then((rows) =>
      rows.filter((update) => update.body === 'Probamos con vecinos.'),
    );
    assert.equal(newest!.milestone, null);
    assert.equal(newest!.linkUrl, null);

    const page = await world.guest.get(`/propuestas/${proposal.id}`);
    const timeline = page.text.slice(page.text.indexOf('id="avances"'));
    assert.ok(
      timeline.indexOf('Probamos con vecinos.') < timeline.indexOf('Armamos el prototipo'),
      'newest first',
    );
    assert.match(timeline, /Hito: Prototipo listo/);
    assert.match(timeline, /href="https:\/\/example\.org\/prototipo" rel="nofollow noopener ugc"/);
    assert.match(timeline, /Teo Equipo/);
    assert.doesNotMatch(page.text, /action="\/propuestas\/[^"]+\/avances"/, 'no form for visitors');
    const teamPage = await world.lead.person.get(`/propuestas/${proposal.id}`);
    assert.match(teamPage.text, new RegExp(`action="/propuestas/${proposal.id}/avances"`));
    assert.match(teamPage.text, new RegExp(`action="/propuestas/${proposal.id}/iniciar"`));
  });

  it('refuses progress from anyone but the team, and outside accepted, in progress and delivered', async () => {
    const proposal = await world.proposal('in_progress');
    const path = `/propuestas/${proposal.id}/avances`;
    for (const person of [world.reviewer.person, world.otherMember.person, world.stranger.person]) {
      const response = await world.post(person, path, { body: 'Intruso' });
      assert.equal(response.status, 403);
      assert.match(response.text, /Solo el equipo de la propuesta puede hacer esto\./);
    }
    assert.equal((await world.postAsGuest(path, { body: 'Intruso' })).status, 303);
    for (const status of ['submitted', 'declined', 'adopted', 'withdrawn'] as const) {
      const other = await world.proposal(status);
      const response = await world.post(world.lead.person, `/propuestas/${other.id}/avances`, {
        body: 'Fuera de tiempo',
      });
      assert.equal(response.status, 403, status);
      assert.match(response.text, /Solo se publican avances de una propuesta aceptada/);
      assert.equal((await updatesOf(other.id)).length, 0);
    }
    assert.equal((await updatesOf(proposal.id)).length, 0);
  });

  it('answers 422 for a missing text, a bad link or a long milestone, keeping what was typed', async () => {
    const proposal = await world.proposal('in_progress');
    const path = `/propuestas/${proposal.id}/avances`;
    const cases = [
      [{ body: '  ', milestone: 'Beta' }, 'Cuenta qué avanzaron.'],
      [{ body: 'Listo', linkUrl: 'javascript:alert(1)' }, 'Escribe un enlace completo'],
      [{ body: 'Listo', linkUrl: 'ftp://example.org/x' }, 'Escribe un enlace completo'],
      [{ body: 'Listo', milestone: 'h'.repeat(121) }, 'El hito es demasiado largo'],
    ] as const;
    for (const [fields, message] of cases) {
      const response = await world.post(world.lead.person, path, fields);
      assert.equal(response.status, 422, JSON.stringify(fields));
      assert.ok(response.text.includes(message), message);
      for (const value of Object.values(fields)) {
        if (value.trim()) assert.ok(response.text.includes(value), `keeps ${value}`);
      }
    }
    assert.equal((await updatesOf(proposal.id)).length, 0);
    assert.equal((await auditEventsFor(world.db, proposal.id)).length, 0);
  });

  it('offers each action only to whoever may take it', async () => {
    const proposal = await world.proposal('in_progress');
    const path = `/propuestas/${proposal.id}`;
    const delivery = new RegExp(`action="/propuestas/${proposal.id}/entregar"`);
    assert.match((await world.reviewer.person.get(path)).text, delivery);
    for (const person of [world.lead.person, world.otherMember.person, world.guest]) {
      assert.doesNotMatch((await person.get(path)).text, delivery);
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { adoptions, endorsements, type Proposal } from '../../../../models/schema/index.ts';
import { makeOrganization } from '../../../support/factories.ts';
import {
  addMembership,
  auditEventsFor,
  signedIn,
} from '../../../support/organization-factories.ts';
import {
  makeAdoption,
  proposalRow,
  reviewWorld,
  type Person,
  type ReviewWorld,
} from '../../../support/review-factories.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

describe('adoptions and community endorsements', () => {
  let world: ReviewWorld;

  before(async () => {
    world = await reviewWorld();
  });
  after(() => world.test.close());

  const adoptionsOf = (proposal: Proposal) =>
    world.db.select().from(adoptions).where(eq(adoptions.proposalId, proposal.id));
  const endorsementsOf = (proposal: Proposal) =>
    world.db.select().from(endorsements).where(eq(endorsements.proposalId, proposal.id));

  describe('adoptions', () => {
    it('lets a member of any organization record that it uses a delivered solution; the first adoption makes it adopted', async () => {
      const proposal = await world.proposal('delivered');
      const path = `/propuestas/${proposal.id}/adopciones`;
      const first = await world.post(world.otherMember.person, path, {
        organizationId: world.otherOrganization.id,
        since: daysAgo(40),
        evidenceUrl: 'https://cholula.gob.mx/acta-cabildo',
      });
      assert.equal(first.status, 303);
      assert.equal(first.headers.location, `/propuestas/${proposal.id}#adopciones`);
      assert.equal((await proposalRow(world.db, proposal.id)).status, 'adopted');
      const [row] = await adoptionsOf(proposal);
      assert.equal(row!.organizationId, world.otherOrganization.id);
      assert.equal(row!.since, daysAgo(40));
      assert.equal(row!.evidenceUrl, 'https://cholula.gob.mx/acta-cabildo');
      assert.equal(row!.recordedById, world.otherMember.user.id);

      const [adopt] = await auditEventsFor(world.db, proposal.id, 'proposal.adopt');
      assert.deepEqual(adopt!.before, { status: 'delivered' });
      assert.deepEqual(adopt!.after, { status: 'adopted' });
      assert.equal(adopt!.organizationId, world.otherOrganization.id);
      const [recorded] = await auditEventsFor(world.db, proposal.id, 'proposal.adoption');
      assert.equal(recorded!.actorId, world.otherMember.user.id);

      // The posting organization adopts it too: added, the status stays.
      const second = await world.post(world.reviewer.person, path, {
        organizationId: world.organization.id,
        since: daysAgo(3),
        evidenceUrl: 'https://example.org/vecinos',
      });
      assert.equal(second.status, 303);
      assert.equal((await adoptionsOf(proposal)).length, 2);
      assert.equal((await proposalRow(world.db, proposal.id)).status, 'adopted');
      assert.equal((await auditEventsFor(world.db, proposal.id, 'proposal.adopt')).length, 1);
      assert.equal((await auditEventsFor(world.db, proposal.id, 'proposal.adoption')).length, 2);

      const page = await world.guest.get(`/propuestas/${proposal.id}`);
      const section = page.text.slice(page.text.indexOf('id="adopciones"'));
      assert.ok(
        section.indexOf('Municipio de Cholula') < section.indexOf('Vecinos del Atoyac'),
        'earliest first',
      );
      assert.match(section, /href="https:\/\/cholula\.gob\.mx\/acta-cabildo"/);
      assert.doesNotMatch(section, /<form/);
    });

    it('refuses adoptions too early, for organizations one does not belong to, twice, and without an organization', async () => {
      for (const status of ['submitted', 'accepted', 'in_progress'] as const) {
        const proposal = await world.proposal(status);
        const response = await world.post(
          world.otherMember.person,
          `/propuestas/${proposal.id}/adopciones`,
          {
            organizationId: world.otherOrganization.id,
            since: daysAgo(1),
            evidenceUrl: 'https://example.org',
          },
        );
        assert.equal(response.status, 403, status);
        assert.match(response.text, /Solo se registra la adopción de una solución entregada\./);
        assert.equal((await adoptionsOf(proposal)).length, 0);
        assert.equal((await proposalRow(world.db, proposal.id)).status, status);
      }

      const proposal = await world.proposal('delivered');
      const path = `/propuestas/${proposal.id}/adopciones`;
      const fields = (organizationId: string) => ({
        organizationId,
        since: daysAgo(1),
        evidenceUrl: 'https://example.org/evidencia',
      });
      const notMine = await world.post(
        world.otherMember.person,
        path,
        fields(world.organization.id),
      );
      assert.equal(notMine.status, 403);
      assert.match(
        notMine.text,
        /Solo registras adopciones de organizaciones a las que perteneces/,
      );
      const noOrganization = await world.post(
        world.stranger.person,
        path,
        fields(world.organization.id),
      );
      assert.equal(noOrganization.status, 403);
      assert.match(noOrganization.text, /necesitas formar parte de una organización/);
      assert.equal((await world.postAsGuest(path, fields(world.organization.id))).status, 303);
      assert.equal((await adoptionsOf(proposal)).length, 0);
      assert.equal((await proposalRow(world.db, proposal.id)).status, 'delivered');

      assert.equal(
        (await world.post(world.otherMember.person, path, fields(world.otherOrganization.id)))
          .status,
        303,
      );
      const twice = await world.post(
        world.otherMember.person,
        path,
        fields(world.otherOrganization.id),
      );
      assert.equal(twice.status, 403);
      assert.match(twice.text, /Esa organización ya registró que usa esta solución\./);
      assert.equal((await adoptionsOf(proposal)).length, 1);
    });

    it('answers 422 for a missing or bad date or evidence, keeping what was typed', async () => {
      const proposal = await world.proposal('delivered');
      const path = `/propuestas/${proposal.id}/adopciones`;
      const cases = [
        [{ since: daysAgo(2), evidenceUrl: '' }, 'Agrega el enlace a una evidencia pública'],
        [{ since: daysAgo(2), evidenceUrl: 'evidencia.pdf' }, 'Escribe un enlace completo'],
        [
          { since: daysAgo(-3), evidenceUrl: 'https://example.org/a' },
          'no puede estar en el futuro',
        ],
        [{ since: '2027-02-30', evidenceUrl: 'https://example.org/b' }, 'Escribe una fecha válida'],
        [{ since: '', evidenceUrl: 'https://example.org/c' }, 'Escribe una fecha válida'],
      ] as const;
      for (const [fields, message] of cases) {
        const response = await world.post(world.otherMember.person, path, {
          organizationId: world.otherOrganization.id,
          ...fields,
        });
        assert.equal(response.status, 422, JSON.stringify(fields));
        assert.ok(response.text.includes(message), message);
        if (fields.evidenceUrl) assert.ok(response.text.includes(`value="${fields.evidenceUrl}"`));
        if (fields.since) assert.ok(response.text.includes(`value="${fields.since}"`));
      }
      assert.equal((await adoptionsOf(proposal)).length, 0);
      assert.equal((await proposalRow(world.db, proposal.id)).status, 'delivered');
    });
  });

  describe('endorsements', () => {
    it('lets the posting organization, and adopting organizations once they adopt, endorse a delivered solution once per person', async () => {
      const proposal = await world.proposal('delivered', { title: 'Semáforo del agua' });
      const path = `/propuestas/${proposal.id}/respaldos`;
      const endorsed = await world.post(world.reviewer.person, path, {
        statement: 'Ahora sabemos qué días hay agua en la colonia.',
      });
      assert.equal(endorsed.status, 303);
      assert.equal(endorsed.headers.location, `/propuestas/${proposal.id}#respaldos`);
      const [row] = await endorsementsOf(proposal);
      assert.equal(row!.organizationId, world.organization.id);
      assert.equal(row!.userId, world.reviewer.user.id);
      assert.equal(row!.statement, 'Ahora sabemos qué días hay agua en la colonia.');
      const [event] = await auditEventsFor(world.db, proposal.id, 'proposal.endorsement');
      assert.equal(event!.organizationId, world.organization.id);

      const twice = await world.post(world.reviewer.person, path, { statement: 'Otra vez' });
      assert.equal(twice.status, 403);
      assert.match(twice.text, /Ya respaldaste esta solución\./);

      // Another organization speaks only once it has adopted the solution.
      const early = await world.post(world.otherMember.person, path, { statement: 'Nos sirve' });
      assert.equal(early.status, 403);
      assert.match(early.text, /Solo respaldan la solución las personas de la organización/);
      await makeAdoption(world.db, proposal, world.otherOrganization, daysAgo(10));
      const adopter = await world.post(world.otherMember.person, path, {
        statement: 'La usamos en tres colonias.',
      });
      assert.equal(adopter.status, 303);
      const rows = await endorsementsOf(proposal);
      assert.equal(rows.length, 2);
      assert.equal(
        rows.find((endorsement) => endorsement.userId === world.otherMember.user.id)!
          .organizationId,
        world.otherOrganization.id,
      );

      const page = await world.guest.get(`/propuestas/${proposal.id}`);
      const section = page.text.slice(page.text.indexOf('id="respaldos"'));
      assert.match(section, /Ahora sabemos qué días hay agua en la colonia\./);
      assert.match(
        section,
        /Ana Revisora, <a href="\/organizaciones\/[^"]+">Vecinos del Atoyac<\/a>/,
      );
      assert.match(section, /Olga Cholula, <a href="\/organizaciones\/[^"]+">Municipio de Cholula/);

      const challengePage = await world.guest.get(`/retos/${world.challenge.slug}`);
      assert.match(challengePage.text, /Validación de la comunidad/);
      assert.match(
        challengePage.text,
        new RegExp(`href="/propuestas/${proposal.id}">Semáforo del agua`),
      );
      assert.match(challengePage.text, /La usamos en tres colonias\./);
    });

    it('refuses the team, strangers and visitors', async () => {
      const proposal = await world.proposal('adopted');
      const path = `/propuestas/${proposal.id}/respaldos`;
      for (const [who, person, message] of [
        ['lead', world.lead.person, /El equipo no respalda su propia solución/],
        ['teammate', world.teammate.person, /El equipo no respalda su propia solución/],
        ['other organization', world.otherMember.person, /Solo respaldan la solución/],
        ['stranger', world.stranger.person, /Solo respaldan la solución/],
      ] as [string, Person, RegExp][]) {
        const response = await world.post(person, path, { statement: 'Excelente' });
        assert.equal(response.status, 403, who);
        assert.match(response.text, message, who);
      }
      assert.equal((await world.postAsGuest(path, { statement: 'Excelente' })).status, 303);
      assert.equal((await endorsementsOf(proposal)).length, 0);
    });

    it('waits for delivery', async () => {
      for (const status of ['submitted', 'accepted', 'in_progress', 'declined'] as const) {
        const proposal = await world.proposal(status);
        const response = await world.post(
          world.reviewer.person,
          `/propuestas/${proposal.id}/respaldos`,
          { statement: 'Muy prometedora' },
        );
        assert.equal(response.status, 403, status);
        assert.match(response.text, /Una solución se respalda después de su entrega\./);
        assert.equal((await endorsementsOf(proposal)).length, 0);
      }
    });

    it('answers 422 for a missing or long statement, keeping what was typed', async () => {
      const proposal = await world.proposal('delivered');
      const path = `/propuestas/${proposal.id}/respaldos`;
      const blank = await world.post(world.reviewer.person, path, { statement: '  ' });
      assert.equal(blank.status, 422);
      assert.match(blank.text, /Escribe tu respaldo\./);
      const long = 'Nos ayudó mucho. '.repeat(30);
      const tooLong = await world.post(world.reviewer.person, path, { statement: long });
      assert.equal(tooLong.status, 422);
      assert.match(tooLong.text, /El respaldo es demasiado largo \(máximo 500 caracteres\)\./);
      assert.ok(tooLong.text.includes(`${long}</textarea>`));
      assert.equal((await endorsementsOf(proposal)).length, 0);
    });

    it('asks someone in both the posting and an adopting organization which one they speak for', async () => {
      const proposal = await world.proposal('adopted');
      await makeAdoption(world.db, proposal, world.otherOrganization, daysAgo(5));
      const both = await signedIn(world.test, 'ambas@example.org', {
        organization: world.organization,
        name: 'Diana Ambas',
      });
      await addMembership(world.db, world.otherOrganization, both.user);
      const path = `/propuestas/${proposal.id}/respaldos`;
      const form = await both.person.get(`/propuestas/${proposal.id}`);
      assert.match(form.text, /<select id="endorsement-organizationId"/);

      const unchosen = await world.post(both.person, path, { statement: 'Funciona' });
      assert.equal(unchosen.status, 422);
      assert.match(unchosen.text, /Elige la organización\./);
      const unrelated = await makeOrganization(world.db);
      const wrong = await world.post(both.person, path, {
        organizationId: unrelated.id,
        statement: 'Funciona',
      });
      assert.equal(wrong.status, 403);
      assert.equal((await endorsementsOf(proposal)).length, 0);

      const chosen = await world.post(both.person, path, {
        organizationId: world.otherOrganization.id,
        statement: 'Funciona',
      });
      assert.equal(chosen.status, 303);
      const [row] = await endorsementsOf(proposal);
      assert.equal(row!.organizationId, world.otherOrganization.id);
    });

    it('shows no community section on a challenge without delivered solutions', async () => {
      const challenge = await world.newChallenge();
      await world.proposal('in_progress', { challenge });
      const page = await world.guest.get(`/retos/${challenge.slug}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /Validación de la comunidad/);
    });
  });
});

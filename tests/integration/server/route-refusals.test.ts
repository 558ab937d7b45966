import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeSponsorship } from '../../support/challenge-factories.ts';
import { makeClaim, roomyLimits, signedInPerson } from '../../support/claim-factories.ts';
import { databaseSnapshot } from '../../support/database-snapshot.ts';
import { makeChallenge, makeMember, makeOrganization } from '../../support/factories.ts';
import { addTeamMember, makeProposal, makeVolunteer } from '../../support/proposal-factories.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../support/test-app.ts';

// The main write routes, posted with a valid CSRF token by a signed-in person who has no say:
// a volunteer outside the organization and the team. Each is refused (403, or 404 for what they
// may not even see) and the database stays as it was.

describe('write routes refuse the wrong person', () => {
  let test: TestApp;
  let stranger: Awaited<ReturnType<typeof signedInPerson>>['person'];
  let token: string;
  let challengeSlug: string;
  const paths: [string, string, Record<string, string>][] = [];

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    const organization = await makeOrganization(db);
    const member = await makeMember(db, organization);
    const office = await makeOrganization(db, { kind: 'government', verifiedAt: new Date() });
    const challenge = await makeChallenge(db, {
      organizationId: organization.id,
      criteria: [{ name: 'Impacto', weight: 100 }],
    });
    challengeSlug = challenge.slug;
    const lead = await makeVolunteer(db);
    const teammate = await makeVolunteer(db);
    const proposal = (status: 'draft' | 'submitted' | 'accepted' | 'in_progress') =>
      makeProposal(db, { challenge, lead, overrides: { status } });
    const draft = await proposal('draft');
    const submitted = await proposal('submitted');
    const accepted = await proposal('accepted');
    const inProgress = await proposal('in_progress');
    await addTeamMember(db, submitted, teammate);
    const claim = await makeClaim(db, challenge, lead);
    const pledge = await makeSponsorship(db, challenge, { organizationId: office.id });
    const org = `/organizaciones/${organization.slug}`;
    paths.push(
      ['challenge status', `/retos/${challenge.slug}/estado`, { transicion: 'close' }],
      ['claim release', `/retos/${challenge.slug}/reclamos/${claim.id}/liberar`, { reason: 'No.' }],
      ['sponsorship status', `/patrocinios/${pledge.id}/estado`, { transicion: 'fulfill' }],
      [
        'proposal edit',
        `/propuestas/${submitted.id}/editar`,
        { title: 'Ajena', summary: 'Resumen.', approach: 'Enfoque.' },
      ],
      ['proposal submit', `/propuestas/${draft.id}/enviar`, {}],
      ['proposal withdraw', `/propuestas/${submitted.id}/retirar`, {}],
      ['proposal accept', `/propuestas/${submitted.id}/aceptar`, {}],
      ['proposal decline', `/propuestas/${submitted.id}/rechazar`, { reason: 'No.' }],
      ['proposal start', `/propuestas/${accepted.id}/iniciar`, {}],
      ['proposal delivery', `/propuestas/${inProgress.id}/entregar`, {}],
      ['proposal score', `/propuestas/${submitted.id}/evaluar`, { score_0: '5', comment_0: '' }],
      ['progress update', `/propuestas/${accepted.id}/avances`, { body: 'Avance ajeno.' }],
      ['team invite', `/propuestas/${submitted.id}/equipo`, { login: 'alguien' }],
      ['team removal', `/propuestas/${submitted.id}/equipo/quitar`, { userId: teammate.id }],
      [
        'organization edit',
        `${org}/editar`,
        { name: 'Nombre ajeno', kind: 'community', description: '' },
      ],
      [
        'organization verification',
        `/organizaciones/${office.slug}/verificacion`,
        { action: 'unverify' },
      ],
      ['invitation', `${org}/invitaciones`, { email: 'colado@example.org' }],
      ['member removal', `${org}/miembros/${member.id}/quitar`, {}],
      ['member role', `${org}/miembros/${member.id}/rol`, { role: 'owner' }],
      ['retry failed emails', '/admin/correo/reintentar', {}],
    );
    ({ person: stranger } = await signedInPerson(test, 'ajena-rutas@example.org', {
      login: 'ajena-rutas',
    }));
    token = csrfTokenIn((await stranger.get('/cuenta').expect(200)).text);
  });
  after(() => test.close());

  it('refuses every one with 403 or 404 and changes nothing', async () => {
    const db = test.database.db;
    const statuses: Record<string, number> = {};
    for (const [name, path, body] of paths) {
      const before = await databaseSnapshot(db);
      const response = await stranger.postForm(path, { _csrf: token, ...body });
      statuses[name] = response.status;
      // Refused by the rule, not by the CSRF check (whose 403 would prove nothing here).
      assert.doesNotMatch(response.text, /El formulario caducó/, name);
      assert.equal(await databaseSnapshot(db), before, `${name} wrote something`);
    }
    for (const [name, status] of Object.entries(statuses)) {
      assert.ok([403, 404].includes(status), `${name}: ${status}`);
    }
  });

  it('accepts the same token for what the person may do', async () => {
    const response = await stranger.postForm(`/retos/${challengeSlug}/seguir`, { _csrf: token });
    assert.equal(response.status, 303);
  });
});

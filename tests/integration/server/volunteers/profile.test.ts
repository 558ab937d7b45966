import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Proposal } from '../../../../models/schema/index.ts';
import { makeClaim, makeTeamProposal, makeVolunteer } from '../../../support/claim-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

/** The part of the page from one heading to the next. */
function sectionOf(html: string, heading: string): string {
  const start = html.indexOf(`>${heading}</h2>`);
  assert.ok(start >= 0, `the profile has a “${heading}” section`);
  const end = html.indexOf('<h2', start);
  return html.slice(start, end < 0 ? undefined : end);
}

describe('a volunteer’s public profile', () => {
  let test: TestApp;
  const p = {} as Record<
    'led' | 'joined' | 'declined' | 'draft' | 'invited' | 'delivered' | 'adopted' | 'others',
    Proposal
  >;

  before(async () => {
    test = await buildTestApp();
    const db = test.database.db;
    const organization = await makeOrganization(db);
    const challenge = await makeChallenge(db, {
      organizationId: organization.id,
      title: 'Agua potable',
    });
    const claimed = await makeChallenge(db, {
      organizationId: organization.id,
      title: 'Transporte nocturno',
    });
    const luz = await makeVolunteer(db, { githubLogin: 'Luz-Dev', name: 'Luz Martínez' });
    const beto = await makeVolunteer(db, { githubLogin: 'beto-dev' });
    await makeClaim(db, claimed, luz);
    p.led = await makeTeamProposal(db, challenge, luz, { title: 'Medidores abiertos' });
    p.joined = await makeTeamProposal(db, challenge, beto, {
      status: 'in_progress',
      title: 'Tandeo en el mapa',
      members: [{ user: luz, accepted: true }],
    });
    p.declined = await makeTeamProposal(db, challenge, luz, {
      status: 'declined',
      title: 'Idea no aceptada',
    });
    p.draft = await makeTeamProposal(db, challenge, luz, {
      status: 'draft',
      title: 'Borrador secreto',
    });
    p.invited = await makeTeamProposal(db, challenge, beto, {
      title: 'Invitación pendiente',
      members: [{ user: luz, accepted: false }],
    });
    p.delivered = await makeTeamProposal(db, challenge, luz, {
      status: 'delivered',
      title: 'Bot de pipas',
    });
    p.adopted = await makeTeamProposal(db, challenge, beto, {
      status: 'adopted',
      title: 'Tablero de fugas',
      members: [{ user: luz, accepted: true }],
    });
    p.others = await makeTeamProposal(db, challenge, beto, {
      status: 'delivered',
      title: 'Solo de Beto',
    });
  });
  after(() => test.close());

  it('lists the proposals they lead or joined, never drafts or unaccepted invitations', async () => {
    const page = await visitor(test.app).get('/voluntarios/luz-dev').expect(200);
    const proposals = sectionOf(page.text, 'Propuestas');
    for (const proposal of [p.led, p.joined, p.declined]) {
      assert.ok(proposals.includes(`href="/propuestas/${proposal.id}"`), proposal.title);
    }
    assert.match(
      proposals,
      /Medidores abiertos<\/a> <span class="muted">· Enviada · <a href="\/retos\/[^"]+">Agua potable<\/a> · coordina el equipo/,
    );
    assert.match(proposals, /Tandeo en el mapa<\/a> <span class="muted">· En desarrollo/);
    for (const hidden of [p.draft, p.invited, p.others, p.delivered, p.adopted]) {
      assert.ok(!proposals.includes(hidden.title), `${hidden.title} is not listed here`);
    }
    assert.doesNotMatch(page.text, /Borrador secreto|Invitación pendiente|Solo de Beto/);
  });

  it('lists their delivered and adopted solutions separately', async () => {
    const page = await visitor(test.app).get('/voluntarios/luz-dev').expect(200);
    const solutions = sectionOf(page.text, 'Soluciones entregadas');
    assert.ok(solutions.includes(`href="/propuestas/${p.delivered.id}"`));
    assert.ok(solutions.includes(`href="/propuestas/${p.adopted.id}"`));
    assert.match(solutions, /Bot de pipas<\/a> <span class="muted">· Entregada el \d+/);
    assert.match(solutions, /Tablero de fugas<\/a> <span class="muted">· Adoptada/);
    assert.equal(solutions.match(/href="\/propuestas\//g)?.length, 2);
  });

  it('shows the challenges they say they are working on', async () => {
    const page = await visitor(test.app).get('/voluntarios/luz-dev').expect(200);
    assert.match(sectionOf(page.text, 'Trabaja en'), /Transporte nocturno<\/a>/);
  });

  it('does not say there are no published proposals above a published solution', async () => {
    const db = test.database.db;
    const only = await makeVolunteer(db, { githubLogin: 'solo-adoptada' });
    const challenge = await makeChallenge(db, { title: 'Basura en el mercado' });
    const adopted = await makeTeamProposal(db, challenge, only, {
      status: 'adopted',
      title: 'Rutas de recolección',
    });
    const page = await visitor(test.app).get('/voluntarios/solo-adoptada').expect(200);
    assert.ok(sectionOf(page.text, 'Soluciones entregadas').includes(`/propuestas/${adopted.id}`));
    assert.doesNotMatch(page.text, /Todavía no tiene propuestas publicadas/);
  });

  it('says so when there is nothing yet', async () => {
    await makeVolunteer(test.database.db, { githubLogin: 'nueva-dev' });
    const page = await visitor(test.app).get('/voluntarios/nueva-dev').expect(200);
    assert.match(page.text, /Todavía no tiene propuestas publicadas\./);
    assert.match(page.text, /Todavía no tiene soluciones entregadas\./);
    assert.doesNotMatch(page.text, />Trabaja en</);
  });
});

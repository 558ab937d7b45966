import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Challenge, Organization, Proposal, User } from '../../../../models/schema/index.ts';
import {
  daysAgo,
  makeClaim,
  makeTeamProposal,
  makeVolunteer,
  roomyLimits,
  signedInPerson,
} from '../../../support/claim-factories.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

type Person = ReturnType<typeof visitor>;

/** The part of a page under one heading, up to the next heading of the same level or above. */
function sectionOf(html: string, heading: string, level = 2): string {
  const start = html.indexOf(heading);
  assert.ok(start >= 0, `the page has a “${heading}” heading`);
  const rest = html.slice(start);
  const next = rest.slice(heading.length).search(new RegExp(`<h[1-${level}][ >]`));
  return next < 0 ? rest : rest.slice(0, heading.length + next);
}

describe('dashboards', () => {
  let test: TestApp;
  let vecinos: Organization;
  let municipio: Organization;
  let riverChallenge: Challenge;
  let draftChallenge: Challenge;
  let otherChallenge: Challenge;
  let ana: { person: Person; user: User };
  let olga: { person: Person; user: User };
  let pablo: { person: Person; user: User };
  let beto: User;
  let luz: User;
  const p = {} as Record<
    'draft' | 'accepted' | 'invited' | 'submitted' | 'inProgress' | 'delivered' | 'betoOnly',
    Proposal
  >;

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    vecinos = await makeOrganization(db, { name: 'Vecinos del Atoyac' });
    municipio = await makeOrganization(db, { name: 'Municipio de Xalapa' });
    riverChallenge = await makeChallenge(db, { organizationId: vecinos.id, title: 'Río limpio' });
    draftChallenge = await makeChallenge(db, {
      organizationId: vecinos.id,
      title: 'Borrador de basura',
      status: 'draft',
    });
    otherChallenge = await makeChallenge(db, {
      organizationId: municipio.id,
      title: 'Baches de Xalapa',
    });
    ana = await signedInPerson(test, 'ana@example.org', { login: 'ana-dev', name: 'Ana Ruiz' });
    olga = await signedInPerson(test, 'olga@example.org', { organization: vecinos });
    pablo = await signedInPerson(test, 'pablo@example.org', { organization: municipio });
    beto = await makeVolunteer(db, { name: 'Beto Lara', githubLogin: 'beto-dev' });
    luz = await makeVolunteer(db, { name: 'Luz', githubLogin: 'luz-dev' });

    await makeClaim(db, riverChallenge, ana.user, { lastActivityAt: daysAgo(1) });
    await makeClaim(db, otherChallenge, ana.user, { lastActivityAt: daysAgo(12) });
    await makeClaim(db, riverChallenge, luz, { lastActivityAt: daysAgo(2) });
    const gone = await makeChallenge(db, { organizationId: vecinos.id, title: 'Ya liberado' });
    await makeClaim(db, gone, ana.user, { status: 'released' });

    p.draft = await makeTeamProposal(db, riverChallenge, ana.user, {
      status: 'draft',
      title: 'Mapa de descargas (borrador)',
    });
    p.accepted = await makeTeamProposal(db, riverChallenge, beto, {
      status: 'accepted',
      title: 'Sensores comunitarios',
      members: [{ user: ana.user, accepted: true }],
    });
    p.invited = await makeTeamProposal(db, otherChallenge, beto, {
      status: 'submitted',
      title: 'Reporte de baches por WhatsApp',
      members: [{ user: ana.user, accepted: false }],
    });
    p.submitted = await makeTeamProposal(db, riverChallenge, ana.user, {
      status: 'submitted',
      title: 'Alertas de calidad del agua',
    });
    p.inProgress = await makeTeamProposal(db, riverChallenge, beto, {
      status: 'in_progress',
      title: 'Bitácora ciudadana',
    });
    p.delivered = await makeTeamProposal(db, otherChallenge, ana.user, {
      status: 'delivered',
      title: 'Mapa de baches entregado',
    });
    p.betoOnly = await makeTeamProposal(db, otherChallenge, beto, {
      status: 'submitted',
      title: 'Propuesta del municipio',
    });
  });
  after(() => test.close());

  it('sends visitors to sign in', async () => {
    for (const path of ['/mi-trabajo', '/nuestros-retos']) {
      const response = await visitor(test.app).get(path);
      assert.equal(response.status, 303, path);
      assert.equal(response.headers.location, `/entrar?volver=${encodeURIComponent(path)}`);
    }
  });

  it('shows a volunteer their claims with the days left, and their proposals by status', async () => {
    const page = await ana.person.get('/mi-trabajo').expect(200);
    const claims = sectionOf(page.text, 'Retos en los que trabajo');
    assert.match(claims, /href="\/retos\/[^"]+">Río limpio<\/a>[\s\S]*vence en 13 días/);
    assert.match(claims, /Baches de Xalapa<\/a>[\s\S]*vence en 2 días/);
    assert.doesNotMatch(claims, /Ya liberado/, 'released claims are gone');

    const proposals = sectionOf(page.text, 'Mis propuestas');
    for (const proposal of [p.draft, p.accepted, p.submitted, p.delivered]) {
      assert.ok(proposals.includes(`href="/propuestas/${proposal.id}"`), proposal.title);
    }
    for (const proposal of [p.invited, p.inProgress, p.betoOnly]) {
      assert.ok(!proposals.includes(proposal.title), `${proposal.title} is not hers`);
    }
    assert.match(sectionOf(proposals, '<h3>Borrador (1)', 3), /Mapa de descargas \(borrador\)/);
    assert.match(sectionOf(proposals, '<h3>Enviada (1)', 3), /Alertas de calidad del agua/);
    assert.match(sectionOf(proposals, '<h3>Aceptada (1)', 3), /Sensores comunitarios/);
    assert.match(sectionOf(proposals, '<h3>Entregada (1)', 3), /Mapa de baches entregado/);
  });

  it('lists what needs the volunteer: invitations, drafts, accepted work and claims about to lapse', async () => {
    const page = await ana.person.get('/mi-trabajo').expect(200);
    const actions = sectionOf(page.text, 'Lo que necesita tu atención');
    assert.match(
      actions,
      new RegExp(`Beto Lara te invitó a su equipo: <a href="/propuestas/${p.invited.id}">`),
    );
    assert.match(actions, new RegExp(`Borrador por enviar: <a href="/propuestas/${p.draft.id}">`));
    assert.match(
      actions,
      new RegExp(`lista para empezar: <a href="/propuestas/${p.accepted.id}">`),
    );
    assert.match(
      actions,
      /Tu aviso vence en 2 días si no publicas avances: <a[^>]*>Baches de Xalapa/,
    );
    assert.equal(actions.match(/Tu aviso vence en/g)?.length, 1, 'not the fresh claim');
    assert.doesNotMatch(
      actions,
      new RegExp(p.submitted.id),
      'a submitted proposal waits for others',
    );
  });

  it('shows someone with nothing going on an empty dashboard, not someone else’s', async () => {
    const page = await olga.person.get('/mi-trabajo').expect(200);
    assert.match(page.text, /Nada espera una acción tuya por ahora/);
    assert.match(page.text, /entra con tu cuenta de GitHub/);
    assert.doesNotMatch(page.text, /\/propuestas\//);
  });

  it('shows an organization what waits for it, and only on its own challenges', async () => {
    const page = await olga.person.get('/nuestros-retos').expect(200);
    const ours = sectionOf(page.text, '>Vecinos del Atoyac</a></h2>');
    const review = sectionOf(ours, '<h3>Propuestas por revisar (1)', 3);
    assert.ok(review.includes(`href="/propuestas/${p.submitted.id}"`));
    const confirm = sectionOf(ours, '<h3>Entregas por confirmar (1)', 3);
    assert.ok(confirm.includes(`href="/propuestas/${p.inProgress.id}"`));
    const claims = sectionOf(ours, '<h3>Quién trabaja en nuestros retos (2)', 3);
    assert.match(claims, /href="\/voluntarios\/ana-dev">Ana Ruiz<\/a>/);
    assert.match(claims, /href="\/voluntarios\/luz-dev">Luz<\/a>/);
    assert.match(claims, /\/reclamos\/[0-9a-f-]+\/liberar/);
    const drafts = sectionOf(ours, '<h3>Borradores de retos (1)', 3);
    assert.ok(drafts.includes(`href="/retos/${draftChallenge.slug}"`));

    for (const theirs of [p.betoOnly, p.invited, p.delivered, p.accepted]) {
      assert.ok(!page.text.includes(`/propuestas/${theirs.id}"`), theirs.title);
    }
    assert.doesNotMatch(page.text, /Municipio de Xalapa|Baches de Xalapa/);
  });

  it('shows each member only their organizations', async () => {
    const page = await pablo.person.get('/nuestros-retos').expect(200);
    assert.match(page.text, />Municipio de Xalapa<\/a><\/h2>/);
    assert.doesNotMatch(page.text, /Vecinos del Atoyac|Río limpio/);
    const review = sectionOf(page.text, '<h3>Propuestas por revisar (2)', 3);
    assert.ok(review.includes(`/propuestas/${p.betoOnly.id}"`));
    assert.ok(review.includes(`/propuestas/${p.invited.id}"`));
    const claims = sectionOf(page.text, '<h3>Quién trabaja en nuestros retos (1)', 3);
    assert.match(claims, /ana-dev/);
  });

  it('refuses the organization dashboard to people in no organization', async () => {
    const response = await ana.person.get('/nuestros-retos');
    assert.equal(response.status, 403);
    assert.match(response.text, /Este tablero es para las personas de una organización/);
  });

  it('links the dashboards from the account page, each to whom it concerns', async () => {
    const member = await olga.person.get('/cuenta').expect(200);
    assert.match(member.text, /href="\/mi-trabajo"/);
    assert.match(member.text, /href="\/nuestros-retos"/);
    const volunteer = await ana.person.get('/cuenta').expect(200);
    assert.match(volunteer.text, /href="\/mi-trabajo"/);
    assert.doesNotMatch(volunteer.text, /href="\/nuestros-retos"/);
  });
});

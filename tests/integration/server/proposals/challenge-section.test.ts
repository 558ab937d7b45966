import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Challenge, User } from '../../../../models/schema/index.ts';
import { makeChallenge, makeUser } from '../../../support/factories.ts';
import { makeProposal, makeVolunteer } from '../../../support/proposal-factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

const PROPOSE =
  /<a class="button" href="\/retos\/[^"]+\/propuestas\/nueva">Proponer una solución<\/a>/;

describe('proposals on the challenge page', () => {
  let test: TestApp;
  let challenge: Challenge;
  let lead: User;

  before(async () => {
    test = await buildTestApp();
    challenge = await makeChallenge(test.database.db);
    lead = await makeVolunteer(test.database.db, {
      name: 'Valeria Nájera',
      githubLogin: 'valenajera',
    });
    await makeProposal(test.database.db, {
      challenge,
      lead,
      overrides: { title: 'PWA sin conexión', status: 'submitted', repositoryCheck: 'verified' },
    });
    await makeProposal(test.database.db, {
      challenge,
      overrides: { title: 'Idea en borrador' },
    });
    await makeProposal(test.database.db, {
      challenge,
      overrides: { title: 'Borrador descartado', status: 'withdrawn', submittedAt: null },
    });
    await makeProposal(test.database.db, {
      challenge,
      overrides: { title: 'Propuesta retirada', status: 'withdrawn' },
    });
  });
  after(() => test.close());

  it('lists the public proposals with their status and lead, never drafts', async () => {
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`);
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /PWA sin conexión<\/strong><\/a>\s*<span class="status[^"]*">Enviada<\/span>\s*<span class="badge">Código abierto verificado<\/span>/,
    );
    assert.match(page.text, /Encabeza: <a href="\/voluntarios\/valenajera">Valeria Nájera<\/a>/);
    assert.match(
      page.text,
      /Propuesta retirada<\/strong><\/a>\s*<span class="status[^"]*">Retirada/,
    );
    assert.doesNotMatch(page.text, /Idea en borrador/);
    assert.doesNotMatch(page.text, /Borrador descartado/);
  });

  it('offers "Proponer una solución" to volunteers only, and GitHub sign-in to the others', async () => {
    const anonymous = await visitor(test.app).get(`/retos/${challenge.slug}`);
    assert.doesNotMatch(anonymous.text, PROPOSE);
    assert.match(
      anonymous.text,
      /href="\/auth\/github\?volver(?:=|&#x3D;)[^"]*propuestas%2Fnueva">Entrar con GitHub/,
    );

    const organizer = (await signInByEmail(test, (await makeUser(test.database.db)).email!)).person;
    const byEmail = await organizer.get(`/retos/${challenge.slug}`);
    assert.doesNotMatch(byEmail.text, PROPOSE);
    assert.match(byEmail.text, /Para proponer una solución, entra con tu cuenta de GitHub/);

    const volunteer = (await signInByEmail(test, (await makeVolunteer(test.database.db)).email!))
      .person;
    const page = await volunteer.get(`/retos/${challenge.slug}`);
    assert.match(page.text, PROPOSE);

    const closed = await makeChallenge(test.database.db, { status: 'closed' });
    assert.doesNotMatch((await volunteer.get(`/retos/${closed.slug}`)).text, PROPOSE);
  });

  it('shows the volunteer their own proposal instead of the button', async () => {
    const person = (await signInByEmail(test, lead.email!)).person;
    const page = await person.get(`/retos/${challenge.slug}`);
    assert.doesNotMatch(page.text, PROPOSE);
    assert.match(page.text, /Tu propuesta: <a href="\/propuestas\/[^"]+">PWA sin conexión<\/a>/);
  });
});

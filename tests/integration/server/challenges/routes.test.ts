import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { memberships, users } from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

describe('/retos/:slug', () => {
  let test: TestApp;
  let draftSlug: string;
  let openSlug: string;
  before(async () => {
    test = await buildTestApp();
    const owner = await makeOrganization(test.database.db, { name: 'Colonia Centro' });
    await makeOrganization(test.database.db, { name: 'Otra organización' });
    draftSlug = (
      await makeChallenge(test.database.db, {
        organizationId: owner.id,
        title: 'Borrador secreto',
        status: 'draft',
        publishedAt: null,
      })
    ).slug;
    openSlug = (
      await makeChallenge(test.database.db, {
        organizationId: owner.id,
        title: 'Alumbrado público',
        pitch: 'Saber qué luminarias fallan.',
        skills: ['mapas'],
        stateCode: 'OAX',
        municipality: 'Oaxaca de Juárez',
      })
    ).slug;
    await signInByEmail(test, 'miembro@example.org');
    const [member] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'miembro@example.org'));
    await test.database.db
      .insert(memberships)
      .values({ organizationId: owner.id, userId: member!.id });
  });
  after(() => test.close());

  it('shows a published challenge to anyone, with a description for sharing', async () => {
    const response = await visitor(test.app).get(`/retos/${openSlug}`);
    assert.equal(response.status, 200);
    assert.match(response.text, /<h1>Alumbrado público<\/h1>/);
    assert.match(response.text, /<meta name="description" content="Saber qué luminarias fallan.">/);
    assert.match(response.text, /Oaxaca de Juárez, Oaxaca/);
    assert.match(response.text, /Publicado por Colonia Centro/);
  });

  it('hides a draft from the public and from other organizations, but not from its members', async () => {
    assert.equal((await visitor(test.app).get(`/retos/${draftSlug}`)).status, 404);
    const outsider = await signInByEmail(test, 'ajena@example.org');
    assert.equal((await outsider.person.get(`/retos/${draftSlug}`)).status, 404);
    const member = await signInByEmail(test, 'miembro@example.org');
    const seen = await member.person.get(`/retos/${draftSlug}`);
    assert.equal(seen.status, 200);
    assert.match(seen.text, /Borrador secreto/);
  });

  it('answers an unknown challenge with the 404 page', async () => {
    assert.equal((await visitor(test.app).get('/retos/no-existe')).status, 404);
  });

  it('links the home page cards to the challenge pages', async () => {
    const home = await visitor(test.app).get('/');
    assert.match(home.text, new RegExp(`<a href="/retos/${openSlug}">Alumbrado público</a>`));
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeUser } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

describe('/voluntarios/:login', () => {
  let test: TestApp;
  before(async () => {
    test = await buildTestApp();
    await makeUser(test.database.db, {
      githubId: 55,
      githubLogin: 'Luz-Dev',
      name: 'Luz Martínez',
      bio: 'Hago mapas para protección civil.',
      skills: ['GIS', 'Python'],
      githubProfileUrl: 'https://github.com/Luz-Dev',
    });
  });
  after(() => test.close());

  it('shows a volunteer public profile, whatever the case of the login', async () => {
    const response = await visitor(test.app).get('/voluntarios/luz-dev');
    assert.equal(response.status, 200);
    assert.match(response.text, /<h1>Luz Martínez<\/h1>/);
    assert.match(response.text, /Hago mapas para protección civil\./);
    assert.match(response.text, /<li class="tag">GIS<\/li>/);
    assert.match(response.text, /href="https:\/\/github\.com\/Luz-Dev"/);
    assert.doesNotMatch(response.text, /@example\.org/, 'no email is public');
  });

  it('answers an unknown login with 404', async () => {
    assert.equal((await visitor(test.app).get('/voluntarios/nadie')).status, 404);
  });
});

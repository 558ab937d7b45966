import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { challenges, type Challenge } from '../../../../models/schema/index.ts';
import { makeChallenge } from '../../../support/factories.ts';
import { buildTestApp, visitor, type TestApp } from '../../../support/test-app.ts';

// A reader who comes back to a page that has not changed gets "304 Not Modified" and no body:
// on a slow phone connection the page costs a round trip, not its bytes.
describe('conditional GET of public pages', () => {
  let test: TestApp;
  let challenge: Challenge;
  before(async () => {
    test = await buildTestApp();
    challenge = await makeChallenge(test.database.db, { title: 'Agua limpia en Tlacolula' });
  });
  after(() => test.close());

  const pages = () => ['/', '/retos', `/retos/${challenge.slug}`, '/privacidad', '/css/site.css'];

  it('sends an ETag with each public page and answers 304 with no body when it still matches', async () => {
    for (const path of pages()) {
      const reader = visitor(test.app);
      const first = await reader.get(path).expect(200);
      const etag = first.headers.etag as string | undefined;
      assert.ok(etag, `${path} has an ETag`);
      const again = await reader.agent.get(path).set('If-None-Match', etag);
      assert.equal(again.status, 304, path);
      assert.equal(again.text ?? '', '', `${path} sends no body`);
    }
  });

  it('answers the whole page again once it changed', async () => {
    const path = `/retos/${challenge.slug}`;
    const reader = visitor(test.app);
    const before = await reader.get(path).expect(200);
    await test.database.db
      .update(challenges)
      .set({ title: 'Agua limpia en Tlacolula de Matamoros' })
      .where(eq(challenges.id, challenge.id));
    const after = await reader.agent.get(path).set('If-None-Match', before.headers.etag as string);
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.match(after.text, /Tlacolula de Matamoros/);
  });

  it('never answers 304 to a different page’s ETag', async () => {
    const reader = visitor(test.app);
    const home = await reader.get('/').expect(200);
    const other = await reader.agent
      .get('/retos')
      .set('If-None-Match', home.headers.etag as string);
    assert.equal(other.status, 200);
  });
});

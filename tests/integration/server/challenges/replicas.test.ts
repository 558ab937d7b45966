import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  auditEvents,
  challenges,
  memberships,
  users,
  watches,
  type Organization,
} from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';
import { activeCriteria } from '../../../../server/challenges/criteria.ts';
import { criteriaOf } from '../../../support/review-factories.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

describe('replicating a challenge in another municipality', () => {
  let test: TestApp;
  let origin: Organization;
  let other: Organization;
  let replicator: Person;
  let volunteer: Person;

  before(async () => {
    test = await buildTestApp();
    origin = await makeOrganization(test.database.db, {
      name: 'Municipio de Zapopan',
      kind: 'government',
    });
    other = await makeOrganization(test.database.db, { name: 'Colectivo de Tlaquepaque' });
    replicator = (await signInByEmail(test, 'replica@example.org')).person;
    const [user] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'replica@example.org'));
    await test.database.db
      .insert(memberships)
      .values({ organizationId: other.id, userId: user!.id });
    volunteer = (await signInByEmail(test, 'sin-organizacion@example.org')).person;
  });
  after(() => test.close());

  async function replicate(person: Person, slug: string, body: Record<string, string>) {
    const form = await person.get(`/retos/${slug}/replicar`);
    return person.postForm(`/retos/${slug}/replicar`, { _csrf: csrfTokenIn(form.text), ...body });
  }

  it('creates a linked draft in the member organization, and both pages link to each other', async () => {
    const original = await makeChallenge(test.database.db, {
      organizationId: origin.id,
      title: 'Reporte de baches',
      problem: 'Los baches no se atienden.',
      criteria: [{ name: 'Impacto', weight: 100 }],
      stateCode: 'JAL',
      municipality: 'Zapopan',
    });
    const response = await replicate(replicator, original.slug, {
      organizationId: other.id,
      stateCode: 'JAL',
      municipality: 'Tlaquepaque',
    });
    assert.equal(response.status, 303);
    const slug = /^\/retos\/([\w-]+)\/editar$/.exec(String(response.headers.location))![1]!;
    const [replica] = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.slug, slug));
    assert.equal(replica!.forkedFromId, original.id);
    assert.equal(replica!.organizationId, other.id);
    assert.equal(replica!.status, 'draft');
    assert.equal(replica!.municipality, 'Tlaquepaque');
    assert.equal(replica!.problem, 'Los baches no se atienden.');
    assert.deepEqual(await criteriaOf(test.database.db, replica!.id), [
      { name: 'Impacto', weight: 100 },
    ]);
    const [originalCriterion] = await activeCriteria(test.database.db, original.id);
    const [replicaCriterion] = await activeCriteria(test.database.db, replica!.id);
    assert.notEqual(replicaCriterion!.id, originalCriterion!.id, 'the replica has rows of its own');
    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, replica!.id));
    assert.equal(event!.action, 'challenge.replicate');

    // The draft replica is not public yet: the original does not list it.
    assert.doesNotMatch(
      (await visitor(test.app).get(`/retos/${original.slug}`)).text,
      /También se enfrenta en/,
    );

    const replicaPage = await replicator.get(`/retos/${slug}`);
    assert.match(
      replicaPage.text,
      new RegExp(`Este reto replica <a href="/retos/${original.slug}">Reporte de baches</a>`),
    );

    await test.database.db
      .update(challenges)
      .set({ status: 'open', publishedAt: new Date() })
      .where(eq(challenges.id, replica!.id));
    const originalPage = await visitor(test.app).get(`/retos/${original.slug}`);
    assert.match(originalPage.text, /También se enfrenta en/);
    assert.match(
      originalPage.text,
      new RegExp(`<a href="/retos/${slug}">Tlaquepaque, Jalisco</a> · Colectivo de Tlaquepaque`),
    );
  });

  it('refuses a replica in the place the challenge already is, keeping what was chosen', async () => {
    const original = await makeChallenge(test.database.db, {
      organizationId: origin.id,
      stateCode: 'JAL',
      municipality: 'Zapopan',
    });
    const before = (await test.database.db.select().from(challenges)).length;
    const refused = await replicate(replicator, original.slug, {
      organizationId: other.id,
      stateCode: 'JAL',
      municipality: ' zapopán ',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.text, /Este reto ya es de Zapopan, Jalisco: para replicarlo, elige otro/);
    assert.match(refused.text, /<option value="JAL" selected>/);
    assert.match(refused.text, /name="municipality"[^>]*value=" zapopán "/);
    assert.equal((await test.database.db.select().from(challenges)).length, before);
  });

  it('is only possible into an organization the person belongs to', async () => {
    const original = await makeChallenge(test.database.db, { organizationId: origin.id });
    const before = (await test.database.db.select().from(challenges)).length;
    const intoOther = await replicate(volunteer, original.slug, {
      organizationId: origin.id,
      stateCode: '',
      municipality: '',
    });
    assert.equal(intoOther.status, 422);
    assert.match(intoOther.text, /Elige una organización a la que pertenezcas/);
    const noOrganization = await volunteer.get(`/retos/${original.slug}/replicar`);
    assert.match(noOrganization.text, /necesitas pertenecer a una organización/);
    assert.equal((await test.database.db.select().from(challenges)).length, before);
  });

  it('asks for the municipality of the chosen state, keeping the choice', async () => {
    const original = await makeChallenge(test.database.db, { organizationId: origin.id });
    const response = await replicate(replicator, original.slug, {
      organizationId: other.id,
      stateCode: 'OAX',
      municipality: '',
    });
    assert.equal(response.status, 422);
    assert.match(response.text, /Escribe el municipio\./);
    assert.match(response.text, /<option value="OAX" selected>/);
  });

  it('cannot replicate a draft', async () => {
    const draft = await makeChallenge(test.database.db, {
      organizationId: origin.id,
      status: 'draft',
      publishedAt: null,
    });
    assert.equal((await replicator.get(`/retos/${draft.slug}/replicar`)).status, 404);
  });
});

describe('following a challenge', () => {
  it('adds and removes the follower, and counts followers', async () => {
    const test = await buildTestApp();
    try {
      const challenge = await makeChallenge(test.database.db);
      const { person } = await signInByEmail(test, 'sigue@example.org');
      const page = await person.get(`/retos/${challenge.slug}`);
      assert.match(page.text, /0 personas lo siguen/);
      const follow = await person.postForm(`/retos/${challenge.slug}/seguir`, {
        _csrf: csrfTokenIn(page.text),
      });
      assert.equal(follow.status, 303);
      const followed = await person.get(`/retos/${challenge.slug}`);
      assert.match(followed.text, /1 persona lo sigue/);
      assert.match(followed.text, /Dejar de seguir/);
      await person
        .postForm(`/retos/${challenge.slug}/seguir`, { _csrf: csrfTokenIn(followed.text) })
        .expect(303);
      assert.equal(
        (await test.database.db.select().from(watches)).length,
        1,
        'following twice is once',
      );
      await person
        .postForm(`/retos/${challenge.slug}/dejar-de-seguir`, { _csrf: csrfTokenIn(followed.text) })
        .expect(303);
      assert.equal((await test.database.db.select().from(watches)).length, 0);
      const anonymous = await visitor(test.app).postForm(`/retos/${challenge.slug}/seguir`, {});
      assert.equal(anonymous.status, 403, 'no session, no CSRF token');
    } finally {
      await test.close();
    }
  });
});

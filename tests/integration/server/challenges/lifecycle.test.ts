import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  challenges,
  memberships,
  users,
  type Organization,
} from '../../../../models/schema/index.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

describe('changing a challenge status', () => {
  let test: TestApp;
  let organization: Organization;
  let member: Person;
  let outsider: Person;
  let moderator: Person;

  before(async () => {
    test = await buildTestApp({ env: { ADMIN_EMAILS: 'moderadora@example.org' } });
    organization = await makeOrganization(test.database.db);
    member = (await signInByEmail(test, 'miembro@example.org')).person;
    const [user] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'miembro@example.org'));
    await test.database.db
      .insert(memberships)
      .values({ organizationId: organization.id, userId: user!.id });
    outsider = (await signInByEmail(test, 'ajena@example.org')).person;
    moderator = (await signInByEmail(test, 'moderadora@example.org')).person;
  });
  after(() => test.close());

  async function transition(person: Person, slug: string, name: string) {
    const page = await person.get('/');
    const token =
      /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ??
      csrfTokenIn((await person.get('/cuenta')).text);
    return person.postForm(`/retos/${slug}/estado`, { _csrf: token, transicion: name });
  }

  const statusOf = async (id: string) =>
    (await test.database.db.select().from(challenges).where(eq(challenges.id, id)))[0]!.status;

  it('walks draft → open → in progress → solved for members, auditing each step', async () => {
    const challenge = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'draft',
      publishedAt: null,
    });
    for (const [name, expected] of [
      ['publish', 'open'],
      ['start', 'in_progress'],
      ['solve', 'solved'],
    ] as const) {
      const response = await transition(member, challenge.slug, name);
      assert.equal(response.status, 303, name);
      assert.equal(await statusOf(challenge.id), expected);
    }
    const [row] = await test.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.id, challenge.id));
    assert.ok(row!.publishedAt, 'publishing stamps the date');
    const events = await test.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, challenge.id))
      .orderBy(auditEvents.createdAt);
    assert.deepEqual(
      events.map((event) => [
        event.action,
        (event.before as { status: string }).status,
        (event.after as { status: string }).status,
      ]),
      [
        ['challenge.publish', 'draft', 'open'],
        ['challenge.start', 'open', 'in_progress'],
        ['challenge.solve', 'in_progress', 'solved'],
      ],
    );
    assert.ok(events.every((event) => event.actorId && event.organizationId === organization.id));
    const page = await visitor(test.app).get(`/retos/${challenge.slug}`);
    assert.match(page.text, /Publicado[\s\S]*En desarrollo[\s\S]*Resuelto/);
  });

  it('closes and reopens', async () => {
    const challenge = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'open',
    });
    assert.equal((await transition(member, challenge.slug, 'close')).status, 303);
    assert.equal(await statusOf(challenge.id), 'closed');
    assert.equal((await transition(member, challenge.slug, 'reopen')).status, 303);
    assert.equal(await statusOf(challenge.id), 'open');
  });

  it('refuses transitions that do not start from the current status, changing nothing', async () => {
    const challenge = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'open',
    });
    for (const name of ['publish', 'solve', 'reopen', 'borrar', '']) {
      const response = await transition(member, challenge.slug, name);
      assert.equal(response.status, 403, name);
      assert.match(response.text, /Ese cambio de estado no está permitido ahora/);
    }
    assert.equal(await statusOf(challenge.id), 'open');
    const events = await test.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, challenge.id));
    assert.equal(events.length, 0);
  });

  it('refuses every transition to people outside the organization', async () => {
    const open = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'open',
    });
    for (const name of ['start', 'close']) {
      assert.equal((await transition(outsider, open.slug, name)).status, 403, name);
    }
    const draft = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'draft',
      publishedAt: null,
    });
    assert.equal(
      (await transition(outsider, draft.slug, 'publish')).status,
      404,
      'a draft is not even visible',
    );
    assert.equal(await statusOf(open.id), 'open');
    assert.equal(await statusOf(draft.id), 'draft');
  });

  it('lets a moderator close a challenge of any organization, but not publish or start', async () => {
    const open = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'open',
    });
    assert.equal((await transition(moderator, open.slug, 'start')).status, 403);
    assert.equal((await transition(moderator, open.slug, 'close')).status, 303);
    assert.equal(await statusOf(open.id), 'closed');
    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, open.id), eq(auditEvents.action, 'challenge.close')));
    assert.ok(event);
  });

  it('offers members only the buttons that apply', async () => {
    const open = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      status: 'open',
    });
    const page = await member.get(`/retos/${open.slug}`);
    const offered = [...page.text.matchAll(/name="transicion" value="(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(offered, ['start', 'close']);
    const publicPage = await visitor(test.app).get(`/retos/${open.slug}`);
    assert.doesNotMatch(publicPage.text, /name="transicion"/);
  });
});

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
import { challengeFormBody } from '../../../support/challenge-form.ts';
import { makeChallenge, makeOrganization } from '../../../support/factories.ts';
import { signInByEmail } from '../../../support/sign-in.ts';
import { buildTestApp, csrfTokenIn, visitor, type TestApp } from '../../../support/test-app.ts';

type Person = Awaited<ReturnType<typeof signInByEmail>>['person'];

describe('a challenge’s address when its title changes', () => {
  let test: TestApp;
  let organization: Organization;
  let member: Person;

  before(async () => {
    test = await buildTestApp();
    organization = await makeOrganization(test.database.db);
    member = (await signInByEmail(test, 'editora@example.org')).person;
    const [user] = await test.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'editora@example.org'));
    await test.database.db
      .insert(memberships)
      .values({ organizationId: organization.id, userId: user!.id });
  });
  after(() => test.close());

  async function retitle(slug: string, title: string) {
    const path = `/retos/${slug}/editar`;
    const form = await member.get(path);
    return member.agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), ...challengeFormBody({ title }) });
  }

  const slugOf = async (id: string) =>
    (await test.database.db.select().from(challenges).where(eq(challenges.id, id)))[0]!.slug;

  it('follows the new title, and the old address and the pages under it redirect for good', async () => {
    const challenge = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      title: 'Baches en Tlaxcala',
      slug: 'baches-en-tlaxcala',
    });
    const saved = await retitle('baches-en-tlaxcala', 'Baches y banquetas en Tlaxcala');
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, '/retos/baches-y-banquetas-en-tlaxcala');
    assert.equal(await slugOf(challenge.id), 'baches-y-banquetas-en-tlaxcala');

    const anyone = visitor(test.app);
    const old = await anyone.get('/retos/baches-en-tlaxcala');
    assert.equal(old.status, 301);
    assert.equal(old.headers.location, '/retos/baches-y-banquetas-en-tlaxcala');
    const under = await anyone.get('/retos/baches-en-tlaxcala/propuestas/nueva?desde=correo');
    assert.equal(under.status, 301);
    assert.equal(
      under.headers.location,
      '/retos/baches-y-banquetas-en-tlaxcala/propuestas/nueva?desde=correo',
    );
    assert.equal((await anyone.get('/retos/baches-y-banquetas-en-tlaxcala')).status, 200);

    const [event] = await test.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, challenge.id), eq(auditEvents.action, 'challenge.update')),
      );
    assert.equal((event!.before as Record<string, unknown>).slug, 'baches-en-tlaxcala');
    assert.equal((event!.after as Record<string, unknown>).slug, 'baches-y-banquetas-en-tlaxcala');
  });

  it('never gives a challenge the address of the page that posts one', async () => {
    const challenge = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      title: 'Bancas en la plaza',
    });
    const saved = await retitle(challenge.slug, 'Nuevo');
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.location, '/retos/nuevo-2');
    await member.get('/retos/nuevo-2').expect(200);
    await member.get('/retos/nuevo').expect(200);
  });

  it('keeps a former address for its challenge: another challenge does not take it', async () => {
    const first = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      title: 'Agua en Tlalpan',
      slug: 'agua-en-tlalpan',
    });
    await retitle('agua-en-tlalpan', 'Agua potable en Tlalpan');
    const response = await member.agent
      .post('/retos/nuevo')
      .type('form')
      .send({
        _csrf: csrfTokenIn((await member.get('/retos/nuevo')).text),
        organizationId: organization.id,
        ...challengeFormBody({ title: 'Agua en Tlalpan' }),
      });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/retos/agua-en-tlalpan-2');
    const old = await visitor(test.app).get('/retos/agua-en-tlalpan');
    assert.equal(old.headers.location, '/retos/agua-potable-en-tlalpan');

    // Its own former address comes back when the title does; the one in between redirects.
    await retitle('agua-potable-en-tlalpan', 'Agua en Tlalpan');
    assert.equal(await slugOf(first.id), 'agua-en-tlalpan');
    assert.equal((await visitor(test.app).get('/retos/agua-en-tlalpan')).status, 200);
    const between = await visitor(test.app).get('/retos/agua-potable-en-tlalpan');
    assert.equal(between.headers.location, '/retos/agua-en-tlalpan');
  });

  it('keeps the address when the title changes without changing it, and hides a draft’s new one', async () => {
    const draft = await makeChallenge(test.database.db, {
      organizationId: organization.id,
      title: 'Luz en el parque',
      slug: 'luz-en-el-parque',
      status: 'draft',
      publishedAt: null,
    });
    await retitle('luz-en-el-parque', 'Luz en el  parque!');
    assert.equal(await slugOf(draft.id), 'luz-en-el-parque');
    await retitle('luz-en-el-parque', 'Alumbrado en el parque');
    assert.equal(await slugOf(draft.id), 'alumbrado-en-el-parque');
    assert.equal((await visitor(test.app).get('/retos/luz-en-el-parque')).status, 404);
    assert.equal((await member.get('/retos/luz-en-el-parque')).status, 301);
  });
});

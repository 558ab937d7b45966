import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { challenges, type Challenge, type User } from '../../../../models/schema/index.ts';
import { updateChallenge } from '../../../../server/challenges/write-service.ts';
import { ForbiddenError } from '../../../../server/errors.ts';
import { challengeFormBody } from '../../../support/challenge-form.ts';
import { roomyLimits, signedInPerson } from '../../../support/claim-factories.ts';
import { databaseSnapshot } from '../../../support/database-snapshot.ts';
import {
  makeChallenge,
  makeMember,
  makeOrganization,
  makeUser,
} from '../../../support/factories.ts';
import { makeVolunteer } from '../../../support/proposal-factories.ts';
import { buildTestApp, csrfTokenIn, type TestApp } from '../../../support/test-app.ts';
import { challengeServiceInput } from '../../../support/challenge-form.ts';

// The edit rule on a published challenge, which anyone may see: only members of the owning
// organization may open the form or save it (a draft would be hidden before the rule is asked).

const input = challengeServiceInput({
  title: 'Título cambiado por quien no debe',
  pitch: 'Resumen ajeno.',
});

describe('editing a published challenge', () => {
  let test: TestApp;
  let challenge: Challenge;
  let otherChallenge: Challenge;
  let member: User;
  let outsider: User;
  let otherMember: User;
  let volunteer: User;

  before(async () => {
    test = await buildTestApp(roomyLimits);
    const db = test.database.db;
    const owner = await makeOrganization(db);
    const other = await makeOrganization(db);
    challenge = await makeChallenge(db, { organizationId: owner.id, status: 'open' });
    otherChallenge = await makeChallenge(db, { organizationId: owner.id, status: 'open' });
    member = await makeMember(db, owner);
    outsider = await makeUser(db);
    otherMember = await makeMember(db, other);
    volunteer = await makeVolunteer(db);
  });
  after(() => test.close());

  describe('through the service', () => {
    for (const [who, person] of [
      ['an outsider', () => outsider],
      ['a member of another organization', () => otherMember],
      ['a volunteer', () => volunteer],
    ] as const) {
      it(`refuses ${who} and changes nothing`, async () => {
        const before = await databaseSnapshot(test.database.db);
        await assert.rejects(
          updateChallenge(test.database.db, person(), challenge.id, input),
          ForbiddenError,
        );
        assert.equal(await databaseSnapshot(test.database.db), before);
      });
    }

    it('lets a member of the owning organization edit it', async () => {
      const updated = await updateChallenge(test.database.db, member, otherChallenge.id, {
        ...input,
        title: 'Editado por un miembro',
      });
      assert.equal(updated.title, 'Editado por un miembro');
    });
  });

  describe('through the route', () => {
    const people = [
      ['an outsider', 'fuera-edicion@example.org', {}],
      ['a member of another organization', 'otra-edicion@example.org', { otherOrg: true }],
      ['a volunteer', 'voluntaria-edicion@example.org', { login: 'voluntaria-edicion' }],
    ] as const;

    for (const [who, email, options] of people) {
      it(`refuses ${who} the form and the save, and changes nothing`, async () => {
        const db = test.database.db;
        const organization = 'otherOrg' in options ? await makeOrganization(db) : undefined;
        const { person } = await signedInPerson(test, email, {
          ...('login' in options ? { login: options.login } : {}),
          ...(organization ? { organization } : {}),
        });
        const path = `/retos/${challenge.slug}/editar`;
        assert.equal((await person.get(path)).status, 403);
        // A token from a page the person may see, so only the edit rule can refuse.
        const token = csrfTokenIn((await person.get('/cuenta').expect(200)).text);
        const before = await databaseSnapshot(db);
        const saved = await person.agent
          .post(path)
          .type('form')
          .send({
            ...challengeFormBody({ title: 'Cambiado desde fuera' }),
            _csrf: token,
          });
        assert.equal(saved.status, 403);
        assert.equal(await databaseSnapshot(db), before);
        const [row] = await db.select().from(challenges).where(eq(challenges.id, challenge.id));
        assert.equal(row!.title, challenge.title);
      });
    }

    it('lets a member open the form and save it', async () => {
      const db = test.database.db;
      const owner = { id: challenge.organizationId } as Parameters<typeof makeMember>[1];
      const { person } = await signedInPerson(test, 'miembro-edicion@example.org', {
        organization: owner,
      });
      const path = `/retos/${challenge.slug}/editar`;
      const form = await person.get(path).expect(200);
      const saved = await person.agent
        .post(path)
        .type('form')
        .send({
          ...challengeFormBody({ title: 'Editado desde el formulario' }),
          _csrf: csrfTokenIn(form.text),
        });
      assert.equal(saved.status, 303);
      const [row] = await db.select().from(challenges).where(eq(challenges.id, challenge.id));
      assert.equal(row!.title, 'Editado desde el formulario');
    });
  });
});

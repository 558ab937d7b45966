import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { memberships, users, type Organization } from '../../../../models/schema/index.ts';
import { INVITATIONS_PAGE_SIZE } from '../../../../server/organizations/invitations.ts';
import { MEMBERS_PAGE_SIZE } from '../../../../server/organizations/members.ts';
import { makeOrganization } from '../../../support/factories.ts';
import {
  makeInvitation,
  relaxedLimits,
  signedIn,
} from '../../../support/organization-factories.ts';
import { buildTestApp, type TestApp } from '../../../support/test-app.ts';

// The owner who signs in joined first, so the seeded members come after her.
const SEEDED = MEMBERS_PAGE_SIZE + 5;
const MEMBERS = SEEDED + 1;
const INVITATIONS = INVITATIONS_PAGE_SIZE + 3;
const unescaped = (html: string) => html.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
/** The numbers of the seeded members the page lists, in order. */
const memberNumbers = (html: string) =>
  [...html.matchAll(/<strong>Miembro número (\d+)<\/strong>/g)].map((match) => Number(match[1]));
/** The numbers of the pending invitations the page lists, in order. */
const invitationNumbers = (html: string) =>
  [...html.matchAll(/<strong>invitada-(\d+)@example\.org<\/strong>/g)].map((m) => Number(m[1]));

describe('the members page of a large organization, in pages', () => {
  let test: TestApp;
  let organization: Organization;
  let owner: Awaited<ReturnType<typeof signedIn>>;

  before(async () => {
    test = await buildTestApp(relaxedLimits);
    const db = test.database.db;
    organization = await makeOrganization(db, { name: 'Colectivo Numeroso' });
    owner = await signedIn(test, 'duena-numerosa@example.org', {
      organization,
      role: 'owner',
      name: 'Ana Dueña',
    });
    const start = Date.now() + 60_000;
    const people = await db
      .insert(users)
      .values(
        Array.from({ length: SEEDED }, (_, n) => ({
          name: `Miembro número ${n}`,
          email: `miembro-numeroso-${n}@example.org`,
        })),
      )
      .returning({ id: users.id, name: users.name });
    await db.insert(memberships).values(
      people.map((person) => ({
        organizationId: organization.id,
        userId: person.id,
        createdAt: new Date(start + Number(person.name!.split(' ').at(-1)) * 1000),
      })),
    );
    for (let n = 0; n < INVITATIONS; n++)
      await makeInvitation(db, organization, {
        email: `invitada-${n}@example.org`,
        createdAt: new Date(start + n * 1000),
      });
  });
  after(() => test.close());

  const path = () => `/organizaciones/${organization.slug}/miembros`;
  // Members in the order they joined; invitations newest first.
  const joined = (from: number, to?: number) =>
    Array.from({ length: SEEDED }, (_, n) => n).slice(from, to);
  const newest = (from: number, to?: number) =>
    Array.from({ length: INVITATIONS }, (_, n) => INVITATIONS - 1 - n).slice(from, to);

  it('shows one page of members, counts them all and links to the next page', async () => {
    const page = await owner.person.get(path()).expect(200);
    assert.match(page.text, /<strong>Ana Dueña<\/strong>/);
    assert.deepEqual(memberNumbers(page.text), joined(0, MEMBERS_PAGE_SIZE - 1));
    assert.match(page.text, new RegExp(`${MEMBERS} personas en total.`));
    assert.ok(unescaped(page.text).includes(`href="${path()}?miembros=2#miembros" rel="next"`));

    const second = await owner.person.get(`${path()}?miembros=2`).expect(200);
    assert.deepEqual(memberNumbers(second.text), joined(MEMBERS_PAGE_SIZE - 1));
    assert.doesNotMatch(second.text, /<strong>Ana Dueña<\/strong>/);
    assert.match(second.text, new RegExp(`${MEMBERS} personas en total.`));
    assert.ok(unescaped(second.text).includes(`href="${path()}#miembros" rel="prev"`));
  });

  it('shows one page of pending invitations, counts them all and pages them apart', async () => {
    const page = await owner.person.get(path()).expect(200);
    assert.deepEqual(invitationNumbers(page.text), newest(0, INVITATIONS_PAGE_SIZE));
    assert.match(page.text, new RegExp(`Invitaciones pendientes \\(${INVITATIONS}\\)</h2>`));
    assert.ok(
      unescaped(page.text).includes(`href="${path()}?invitaciones=2#pendientes" rel="next"`),
    );

    // The members' page stays where it was while the invitations move on.
    const both = await owner.person.get(`${path()}?miembros=2&invitaciones=2`).expect(200);
    assert.deepEqual(invitationNumbers(both.text), newest(INVITATIONS_PAGE_SIZE));
    assert.deepEqual(memberNumbers(both.text), joined(MEMBERS_PAGE_SIZE - 1));
    assert.ok(unescaped(both.text).includes(`href="${path()}?miembros=2#pendientes" rel="prev"`));
  });

  it('falls back to the first page for a tampered page number', async () => {
    for (const value of ['0', 'x', '-1', '3', '10000000']) {
      const page = await owner.person
        .get(path())
        .query({ miembros: value, invitaciones: value })
        .expect(200);
      assert.deepEqual(memberNumbers(page.text), joined(0, MEMBERS_PAGE_SIZE - 1), value);
      assert.deepEqual(invitationNumbers(page.text), newest(0, INVITATIONS_PAGE_SIZE), value);
    }
  });
});

// The organization services refuse, on their own, whoever may not act: no route is involved, so
// a route that forgets its check cannot open a hole. A refusal must leave every row as it was.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { asc, count, eq } from 'drizzle-orm';
import {
  auditEvents,
  memberships,
  organizationInvitations,
  organizations,
  outbox,
  type Organization,
  type User,
} from '../../../../models/schema/index.ts';
import type { Database } from '../../../../server/db/database.ts';
import { ForbiddenError } from '../../../../server/errors.ts';
import {
  createInvitation,
  revokeInvitation,
} from '../../../../server/organizations/invitations.ts';
import { changeMemberRole, endMembership } from '../../../../server/organizations/members.ts';
import {
  createOrganization,
  setVerification,
  updateOrganization,
} from '../../../../server/organizations/service.ts';
import { makeMember, makeOrganization, makeUser } from '../../../support/factories.ts';
import { addMembership, makeInvitation, roleIn } from '../../../support/organization-factories.ts';
import { createTestDatabase } from '../../../support/test-db.ts';

const admins = { adminEmails: ['jefa@example.org'], adminGithubLogins: [] };

const profile = {
  name: 'Huerto Renombrado',
  kind: 'ngo' as const,
  description: 'Otra descripción.',
  stateCode: 'OAX',
  municipality: null,
  websiteUrl: null,
};

describe('organization services, called without a route', () => {
  let database: Database;
  let organization: Organization;
  let owner: User;
  let member: User;
  let outsider: User;

  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());
  beforeEach(async () => {
    const db = database.db;
    organization = await makeOrganization(db, { name: 'Huerto Comunitario' });
    owner = await makeUser(db);
    await addMembership(db, organization, owner, 'owner');
    member = await makeMember(db, organization);
    // Signed up, but belongs to no organization.
    outsider = await makeUser(db);
  });

  /** Every row a refused call could have written: the organization, its people, its mail. */
  const state = async () => {
    const db = database.db;
    const id = organization.id;
    const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
    return {
      organization: row,
      memberships: await db
        .select()
        .from(memberships)
        .where(eq(memberships.organizationId, id))
        .orderBy(asc(memberships.userId)),
      invitations: await db
        .select()
        .from(organizationInvitations)
        .where(eq(organizationInvitations.organizationId, id))
        .orderBy(asc(organizationInvitations.id)),
      audit: await db.select().from(auditEvents).where(eq(auditEvents.organizationId, id)),
      outbox: (await db.select({ total: count() }).from(outbox))[0]!.total,
    };
  };

  /** The call is refused with ForbiddenError and the database reads exactly as before. */
  const refusedWithoutChange = async (call: () => Promise<unknown>) => {
    const before = await state();
    await assert.rejects(call, ForbiddenError);
    assert.deepEqual(await state(), before);
  };

  describe('createOrganization', () => {
    it('refuses a deleted account and creates nothing', async () => {
      const gone = await makeUser(database.db, { deletedAt: new Date() });
      const total = async () =>
        (await database.db.select({ total: count() }).from(organizations))[0]!.total;
      const before = await total();
      await assert.rejects(createOrganization(database.db, gone, profile), ForbiddenError);
      assert.equal(await total(), before);
    });

    it('lets anyone signed up start one, as its owner', async () => {
      const created = await createOrganization(database.db, outsider, profile);
      assert.equal(await roleIn(database.db, created, outsider), 'owner');
    });
  });

  describe('updateOrganization', () => {
    it('refuses an outsider', async () => {
      await refusedWithoutChange(() =>
        updateOrganization(database.db, outsider, organization.id, profile),
      );
    });

    it('lets any member save the profile', async () => {
      await updateOrganization(database.db, member, organization.id, profile);
      assert.equal((await state()).organization!.name, 'Huerto Renombrado');
    });
  });

  describe('setVerification', () => {
    it('refuses anyone who is not a moderator, even an owner', async () => {
      for (const actor of [outsider, owner]) {
        await refusedWithoutChange(() =>
          setVerification(database.db, admins, actor, organization.id, 'verify'),
        );
      }
    });

    it('refuses to take the verification away for a non-moderator', async () => {
      await database.db
        .update(organizations)
        .set({ verifiedAt: new Date() })
        .where(eq(organizations.id, organization.id));
      await refusedWithoutChange(() =>
        setVerification(database.db, admins, member, organization.id, 'unverify'),
      );
    });

    it('lets a moderator, or an administrator named in the configuration, verify', async () => {
      const moderator = await makeUser(database.db, { isModerator: true });
      const result = await setVerification(
        database.db,
        admins,
        moderator,
        organization.id,
        'verify',
      );
      assert.deepEqual(result, { changed: true });
      assert.notEqual((await state()).organization!.verifiedAt, null);

      const chief = await makeUser(database.db, { email: 'jefa@example.org' });
      await setVerification(database.db, admins, chief, organization.id, 'unverify');
      assert.equal((await state()).organization!.verifiedAt, null);
    });
  });

  describe('createInvitation', () => {
    it('refuses an outsider and a plain member, and sends no email', async () => {
      for (const actor of [outsider, member]) {
        await refusedWithoutChange(() =>
          createInvitation(database.db, actor, organization.id, 'nueva@example.org', 'es'),
        );
      }
    });

    it('lets an owner invite', async () => {
      const { invitation } = await createInvitation(
        database.db,
        owner,
        organization.id,
        'nueva@example.org',
        'es',
      );
      const { invitations } = await state();
      assert.deepEqual(
        invitations.map((row) => row.id),
        [invitation.id],
      );
    });
  });

  describe('revokeInvitation', () => {
    it('refuses an outsider and a plain member; the link keeps working', async () => {
      const { invitation } = await makeInvitation(database.db, organization);
      for (const actor of [outsider, member]) {
        await refusedWithoutChange(() =>
          revokeInvitation(database.db, actor, organization.id, invitation.id),
        );
      }
    });

    it('lets an owner revoke', async () => {
      const { invitation } = await makeInvitation(database.db, organization);
      await revokeInvitation(database.db, owner, organization.id, invitation.id);
      const [row] = (await state()).invitations;
      assert.notEqual(row!.revokedAt, null);
    });
  });

  describe('endMembership', () => {
    it('refuses an outsider or a plain member removing someone else', async () => {
      const other = await makeMember(database.db, organization);
      await refusedWithoutChange(() =>
        endMembership(database.db, outsider, organization.id, other.id),
      );
      await refusedWithoutChange(() =>
        endMembership(database.db, member, organization.id, other.id),
      );
    });

    it('refuses an outsider leaving an organization they are not in', async () => {
      await refusedWithoutChange(() =>
        endMembership(database.db, outsider, organization.id, outsider.id),
      );
    });

    it('lets a member leave', async () => {
      await endMembership(database.db, member, organization.id, member.id);
      assert.equal(await roleIn(database.db, organization, member), undefined);
    });

    it('lets an owner remove a member', async () => {
      await endMembership(database.db, owner, organization.id, member.id);
      assert.equal(await roleIn(database.db, organization, member), undefined);
    });
  });

  describe('changeMemberRole', () => {
    it('refuses an outsider, and a member making themself an owner', async () => {
      await refusedWithoutChange(() =>
        changeMemberRole(database.db, outsider, organization.id, member.id, 'owner'),
      );
      await refusedWithoutChange(() =>
        changeMemberRole(database.db, member, organization.id, member.id, 'owner'),
      );
    });

    it('lets an owner make a member an owner', async () => {
      await changeMemberRole(database.db, owner, organization.id, member.id, 'owner');
      assert.equal(await roleIn(database.db, organization, member), 'owner');
    });
  });
});

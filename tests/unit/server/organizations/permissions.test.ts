import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { User } from '../../../../models/schema/index.ts';
import {
  canChangeMemberRoles,
  canCreateOrganization,
  canEditOrganization,
  canInviteMembers,
  canLeaveOrganization,
  canRemoveMembers,
  canRevokeInvitations,
  canAcceptInvitation,
  canVerifyOrganizations,
  canViewDraftChallenges,
  canViewMembers,
  isMemberRole,
  type ViewerRole,
} from '../../../../server/organizations/permissions.ts';

const person = (overrides: Partial<User> = {}): User => ({
  id: '00000000-0000-0000-0000-000000000001',
  name: 'Ana',
  email: 'ana@example.org',
  contactEmail: null,
  githubId: null,
  githubLogin: null,
  githubName: null,
  githubProfileUrl: null,
  avatarUrl: null,
  bio: '',
  skills: [],
  locale: 'es',
  isModerator: false,
  lastSignInAt: null,
  nameAskedAt: null,
  deletedAt: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...overrides,
});

describe('organization permissions', () => {
  const roles: ViewerRole[] = [null, 'member', 'owner'];
  const matrix: [string, (role: ViewerRole) => boolean, boolean[]][] = [
    ['canEditOrganization', canEditOrganization, [false, true, true]],
    ['canViewMembers', canViewMembers, [false, true, true]],
    ['canViewDraftChallenges', canViewDraftChallenges, [false, true, true]],
    ['canLeaveOrganization', canLeaveOrganization, [false, true, true]],
    ['canInviteMembers', canInviteMembers, [false, false, true]],
    ['canRevokeInvitations', canRevokeInvitations, [false, false, true]],
    ['canRemoveMembers', canRemoveMembers, [false, false, true]],
    ['canChangeMemberRoles', canChangeMemberRoles, [false, false, true]],
  ];

  for (const [name, predicate, expected] of matrix) {
    it(`${name}: outsider ${expected[0]}, member ${expected[1]}, owner ${expected[2]}`, () => {
      assert.deepEqual(roles.map(predicate), expected);
    });
  }

  it('lets anyone signed in create an organization, but not a deleted account', () => {
    assert.equal(canCreateOrganization(person()), true);
    assert.equal(canCreateOrganization(person({ deletedAt: new Date() })), false);
    assert.equal(canCreateOrganization(undefined), false);
  });

  it('lets only moderators and administrators verify organizations', () => {
    const admins = { adminEmails: ['jefa@example.org'], adminGithubLogins: [] };
    assert.equal(canVerifyOrganizations(person({ isModerator: true }), admins), true);
    assert.equal(canVerifyOrganizations(person({ email: 'jefa@example.org' }), admins), true);
    assert.equal(canVerifyOrganizations(person(), admins), false);
    assert.equal(canVerifyOrganizations(undefined, admins), false);
    assert.equal(
      canVerifyOrganizations(person({ isModerator: true, deletedAt: new Date() }), admins),
      false,
    );
  });

  it('counts owners and members as members, and nobody else', () => {
    assert.deepEqual(roles.map(isMemberRole), [false, true, true]);
  });

  it('lets only the invited address accept an invitation, in any case and spacing', () => {
    const invited = person({ email: 'ana@example.org' });
    assert.equal(canAcceptInvitation(invited, 'ana@example.org'), true);
    assert.equal(canAcceptInvitation(invited, '  ANA@Example.org '), true);
    assert.equal(
      canAcceptInvitation(person({ email: 'ANA@EXAMPLE.ORG' }), 'ana@example.org'),
      true,
    );
    assert.equal(
      canAcceptInvitation(person({ email: 'beto@example.org' }), 'ana@example.org'),
      false,
    );
    assert.equal(canAcceptInvitation(invited, 'ana@example.org.mx'), false);
    assert.equal(canAcceptInvitation(person({ email: null }), 'ana@example.org'), false);
    assert.equal(canAcceptInvitation(person({ email: '' }), ''), false);
  });
});

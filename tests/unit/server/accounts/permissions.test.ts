import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { User } from '../../../../models/schema/index.ts';
import { displayName } from '../../../../server/people/display-name.ts';
import { isAdmin, isModerator, isVolunteer } from '../../../../server/people/roles.ts';
import { canManageAccount } from '../../../../server/accounts/permissions.ts';
import { createTranslator } from '../../../../server/i18n/index.ts';

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

const admins = { adminEmails: ['jefa@example.org'], adminGithubLogins: ['octo-admin'] };

describe('account roles', () => {
  it('makes administrators of the configured emails and GitHub logins, case-insensitively', () => {
    assert.equal(isAdmin(person({ email: 'jefa@example.org' }), admins), true);
    assert.equal(isAdmin(person({ email: null, githubLogin: 'Octo-Admin' }), admins), true);
    assert.equal(isAdmin(person(), admins), false);
    assert.equal(isAdmin(undefined, admins), false);
    assert.equal(
      isAdmin(person({ email: 'jefa@example.org', deletedAt: new Date() }), admins),
      false,
    );
  });

  it('counts administrators and flagged users as moderators', () => {
    assert.equal(isModerator(person({ isModerator: true }), admins), true);
    assert.equal(isModerator(person({ email: 'jefa@example.org' }), admins), true);
    assert.equal(isModerator(person(), admins), false);
  });

  it('calls people who signed in with GitHub volunteers', () => {
    assert.equal(isVolunteer(person({ githubId: 1, githubLogin: 'ana' })), true);
    assert.equal(isVolunteer(person()), false);
  });

  it('lets people manage only their own account', () => {
    const ana = person();
    const luis = person({ id: '00000000-0000-0000-0000-000000000002' });
    assert.equal(canManageAccount(ana, ana), true);
    assert.equal(canManageAccount(luis, ana), false);
    assert.equal(canManageAccount(undefined, ana), false);
  });
});

describe('displayName', () => {
  const t = createTranslator().t('es');
  it('prefers the chosen name, then GitHub name, then login', () => {
    assert.equal(displayName(person(), t), 'Ana');
    assert.equal(displayName(person({ name: null, githubName: 'Ana G.' }), t), 'Ana G.');
    assert.equal(displayName(person({ name: null, githubLogin: 'ana-dev' }), t), '@ana-dev');
    assert.equal(displayName(person({ name: null }), t), 'Persona sin nombre');
  });
  it('shows a deleted account as such', () => {
    assert.equal(displayName(person({ deletedAt: new Date() }), t), 'cuenta eliminada');
    assert.equal(displayName(null, createTranslator().t('en')), 'deleted account');
  });
});

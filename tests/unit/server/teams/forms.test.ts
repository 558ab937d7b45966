import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inviteForm } from '../../../../server/teams/forms.ts';

describe('the team invitation form', () => {
  it('accepts a GitHub login typed with an @ and spaces, and refuses anything else', () => {
    assert.equal(inviteForm.parse({ login: ' @EmiTorres ' }).login, 'EmiTorres');
    for (const login of [
      '',
      '@',
      'con espacio',
      '-guion',
      'a'.repeat(40),
      'https://github.com/x',
    ]) {
      assert.equal(inviteForm.safeParse({ login }).success, false, login);
    }
  });
});

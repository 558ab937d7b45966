import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeReturnTo } from '../../../../server/auth/return-to.ts';

describe('safeReturnTo', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    assert.equal(safeReturnTo('/retos?estado=open#lista'), '/retos?estado=open#lista');
    assert.equal(safeReturnTo('/cuenta'), '/cuenta');
  });

  it('falls back for anything that could leave the site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'retos',
      '/\tevil',
      '',
      undefined,
      ['/cuenta'],
      `/${'a'.repeat(3000)}`,
    ]) {
      assert.equal(safeReturnTo(value), '/', String(value));
    }
  });

  it('uses the given fallback', () => {
    assert.equal(safeReturnTo('https://evil.example', ''), '');
  });
});

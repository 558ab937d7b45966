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

  it('falls back when the path only leaves the site once normalised or decoded', () => {
    const payloads = [
      '/.//evil.example',
      '/./\\evil.example',
      '/..//evil.example',
      '/../..//evil.example',
      '/%2e//evil.example',
      '/%2E//evil.example',
      '/%2e%2e//evil.example',
      '/.%2e//evil.example',
      '/a/..//evil.example',
      '/a/b/../..//evil.example',
      '/a/%2e%2e//evil.example',
      '/./..//evil.example/cuenta?x=1',
      '/%2f/evil.example',
      '/%2F%2Fevil.example',
      '/%2f%2fevil.example',
      '/%5cevil.example',
      '/%5C%5Cevil.example',
      '/%2e/%2f/evil.example',
      '/\\/evil.example',
      '/%',
      '/\u007fevil',
    ];
    for (const value of payloads) {
      assert.equal(safeReturnTo(value), '/', value);
      assert.equal(safeReturnTo(value, '/cuenta'), '/cuenta', value);
    }
  });

  it('returns the normalised path, which starts with a single slash', () => {
    assert.equal(safeReturnTo('/a/../retos'), '/retos');
    assert.equal(safeReturnTo('/./retos/./uno'), '/retos/uno');
    assert.equal(safeReturnTo('/retos/a%2fb'), '/retos/a%2fb');
  });

  it('uses the given fallback', () => {
    assert.equal(safeReturnTo('https://evil.example', ''), '');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pagerLinks, pageWindow, requestedPage } from '../../../../server/lib/paging.ts';

describe('list paging', () => {
  it('reads a whole page number and falls back to page one for anything else', () => {
    assert.equal(requestedPage('3'), 3);
    for (const raw of [undefined, '', '0', '-2', '2.5', '1e3', 'abc', ' 2', '9999999', ['2']])
      assert.equal(requestedPage(raw), 1, String(raw));
  });

  it('windows the rows of a page and sends a page past the end back to page one', () => {
    assert.deepEqual(pageWindow(45, 3, 20), {
      page: 3,
      pages: 3,
      total: 45,
      limit: 20,
      offset: 40,
    });
    assert.deepEqual(pageWindow(45, 4, 20), { page: 1, pages: 3, total: 45, limit: 20, offset: 0 });
    assert.deepEqual(pageWindow(0, 1, 20), { page: 1, pages: 1, total: 0, limit: 20, offset: 0 });
  });

  it('links the neighbours, keeping the other parameters and dropping page one', () => {
    const query = { otra: '2', preguntas: '2', lista: ['a', 'b'] };
    const pager = pagerLinks('/retos/x', query, 'preguntas', { page: 2, pages: 3 }, 'preguntas');
    assert.deepEqual(pager, {
      page: 2,
      pages: 3,
      previous: '/retos/x?otra=2#preguntas',
      next: '/retos/x?otra=2&preguntas=3#preguntas',
    });
    assert.equal(pagerLinks('/retos/x', {}, 'p', { page: 1, pages: 1 }), undefined);
    assert.equal(pagerLinks('/retos/x', {}, 'p', { page: 1, pages: 2 })?.previous, undefined);
  });
});

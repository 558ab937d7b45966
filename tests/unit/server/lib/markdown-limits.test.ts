import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_MARKDOWN_NESTING,
  isTooNestedForMarkdown,
} from '../../../../server/lib/markdown-limits.ts';
import { renderMarkdown } from '../../../../server/lib/markdown.ts';

describe('lib/markdown-limits', () => {
  it('lets ordinary documents through, quotes in lists included', () => {
    const ordinary =
      '# Problema\n\n> Cita\n> > respuesta\n\n- uno\n  - dos\n    1. tres\n\n```\ncode\n```';
    assert.equal(isTooNestedForMarkdown(ordinary), false);
    assert.equal(isTooNestedForMarkdown(`${'>'.repeat(MAX_MARKDOWN_NESTING)} x`), false);
  });

  it('counts quotes, list markers and indentation together', () => {
    const depth = MAX_MARKDOWN_NESTING + 1;
    assert.equal(isTooNestedForMarkdown(`texto\n${'>'.repeat(depth)} x`), true);
    assert.equal(isTooNestedForMarkdown(`${'> '.repeat(depth)}x`), true);
    assert.equal(isTooNestedForMarkdown(`${'- '.repeat(depth)}x`), true);
    const list = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    assert.equal(isTooNestedForMarkdown(list), true);
  });

  it('renders input past the limit as escaped plain paragraphs instead of overflowing', () => {
    const html = renderMarkdown(`${'>'.repeat(9000)} <script>alert(1)</script>\n\nfin`);
    assert.ok(html.startsWith('<p>&gt;&gt;&gt;'));
    assert.ok(html.includes('&lt;script&gt;'));
    assert.ok(!html.includes('<script>'));
    assert.ok(html.endsWith('<p>fin</p>'));
  });

  it('still renders Markdown below the limit', () => {
    assert.equal(
      renderMarkdown('> **hola**').trim(),
      '<blockquote>\n<p><strong>hola</strong></p>\n</blockquote>',
    );
  });
});

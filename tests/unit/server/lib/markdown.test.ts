import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../../../server/lib/markdown.ts';

describe('renderMarkdown', () => {
  it('renders what people write: emphasis, lists, links, headings below the page ones', () => {
    const html = renderMarkdown(
      '# Contexto\n\nEl **río** tiene _basura_.\n\n- uno\n- dos\n\n[datos](https://datos.gob.mx)',
    );
    assert.match(html, /<h3>Contexto<\/h3>/);
    assert.match(html, /<strong>río<\/strong>/);
    assert.match(html, /<em>basura<\/em>/);
    assert.match(html, /<li>uno<\/li>/);
    assert.match(html, /<a href="https:\/\/datos.gob.mx" rel="nofollow ugc noopener">datos<\/a>/);
  });

  it('renders script, iframes, event handlers and javascript: links inert', () => {
    const html = renderMarkdown(
      [
        '<script>alert(1)</script>',
        'texto <iframe src="https://evil.example"></iframe>',
        '<img src=x onerror="alert(1)">',
        '[clic](javascript:alert(1))',
        '<a href="javascript:alert(1)">otro</a>',
        '<a href="JaVaScRiPt:alert(1)">mayúsculas</a>',
        '[datos](data:text/html;base64,PHNjcmlwdD4=)',
        '<p style="background:url(x)" onclick="x()">estilo</p>',
      ].join('\n\n'),
    );
    assert.doesNotMatch(html, /<script|<iframe|<img|onerror|onclick|style=|javascript:|data:text/i);
    assert.match(html, /clic/);
    assert.match(html, /estilo/);
  });

  it('returns nothing for empty text', () => {
    assert.equal(renderMarkdown('   '), '');
  });
});

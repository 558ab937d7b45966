import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHttpUrl, urlWithProtocols } from '../../../../server/lib/urls.ts';

describe('URL checks', () => {
  it('accepts only http and https links people can open', () => {
    for (const url of ['https://datos.gob.mx/x', 'http://localhost:3000/a?b=c']) {
      assert.equal(isHttpUrl(url), true, url);
    }
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.org',
      'https:/x',
      '',
      'x',
    ]) {
      assert.equal(isHttpUrl(url), false, url);
    }
  });

  it('checks any list of schemes', () => {
    const database = urlWithProtocols(['postgres', 'postgresql']);
    assert.equal(database.safeParse('postgres://u@localhost:5432/retos').success, true);
    assert.equal(database.safeParse('mysql://u@localhost/retos').success, false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasUnstorableText,
  MAX_INPUT_DEPTH,
  storableText,
  storableValues,
  TooDeepInputError,
} from '../../../../server/lib/storable-text.ts';

describe('lib/storable-text', () => {
  it('drops NUL characters and keeps the rest of the text', () => {
    assert.equal(storableText('Agua\u0000 potable\u0000'), 'Agua potable');
  });

  it('replaces lone surrogates and keeps paired ones', () => {
    assert.equal(storableText('a\ud800b'), 'a\ufffdb');
    assert.equal(storableText('b\udc00'), 'b\ufffd');
    assert.equal(storableText('mapa 🗺️'), 'mapa 🗺️');
  });

  it('tells which text cannot be stored as it is', () => {
    assert.equal(hasUnstorableText('a\u0000'), true);
    assert.equal(hasUnstorableText('\ud83d'), true);
    assert.equal(hasUnstorableText('Oaxaca de Juárez 🌵'), false);
  });

  it('cleans every string of a parsed body, keys included, leaving other values alone', () => {
    const clean = storableValues({
      'tí\u0000tulo': 'a\u0000b',
      rows: ['x\ud800', { deep: 'c\u0000' }],
      count: 3,
      flag: true,
      none: null,
    });
    assert.deepEqual(JSON.parse(JSON.stringify(clean)), {
      título: 'ab',
      rows: ['x\ufffd', { deep: 'c' }],
      count: 3,
      flag: true,
      none: null,
    });
  });

  it('refuses input nested deeper than any form or the API sends', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH + 1; i += 1) deep = [deep];
    assert.throws(() => storableValues(deep), TooDeepInputError);
    let fine: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i += 1) fine = [fine];
    assert.doesNotThrow(() => storableValues(fine));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandableWords, wordForms } from '../../../../server/challenges/browse-search.ts';

describe('search word forms', () => {
  it('adds the singular of a plural and the plural of a singular', () => {
    assert.deepEqual(wordForms('rios'), ['rios', 'rio']);
    assert.deepEqual(wordForms('ríos'), ['ríos', 'río']);
    assert.deepEqual(wordForms('río'), ['río', 'ríos']);
    assert.deepEqual(wordForms('ciudad'), ['ciudad', 'ciudades']);
    assert.deepEqual(wordForms('ciudades'), ['ciudades', 'ciudad', 'ciudade']);
    assert.deepEqual(wordForms('luz'), ['luz', 'luces']);
    assert.deepEqual(wordForms('luces'), ['luces', 'luz', 'luc', 'luce']);
  });

  it('leaves short words, numbers and punctuated words alone', () => {
    assert.deepEqual(wordForms('de'), ['de']);
    assert.deepEqual(wordForms('mes'), ['mes']);
    assert.deepEqual(wordForms('2030'), ['2030']);
    assert.deepEqual(wordForms('covid-19'), ['covid-19']);
  });

  it('expands plain words only; search syntax goes to websearch_to_tsquery as typed', () => {
    assert.deepEqual(expandableWords('agua  rios'), ['agua', 'rios']);
    assert.equal(expandableWords('"calidad del aire"'), undefined);
    assert.equal(expandableWords('agua -rios'), undefined);
    assert.equal(expandableWords('agua or rios'), undefined);
    assert.equal(expandableWords('a b c d e f g h i'), undefined, 'at most eight words');
    assert.deepEqual(expandableWords('agua-potable'), ['agua-potable']);
  });
});

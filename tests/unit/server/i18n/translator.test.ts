import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTranslator } from '../../../../server/i18n/index.ts';

describe('translator', () => {
  it('gives each language its own strings, asked once or many times', () => {
    const translator = createTranslator();
    const es = translator.t('es');
    const en = translator.t('en');
    for (let round = 0; round < 3; round += 1) {
      assert.equal(es('forms.errorSummary'), 'Revisa lo siguiente:');
      assert.equal(en('forms.errorSummary'), 'Please check the following:');
      assert.notEqual(en('forms.errorSummary'), es('forms.errorSummary'));
    }
  });

  it('still fills variables and plurals after the same key was asked without them', () => {
    const es = createTranslator().t('es');
    assert.equal(es('forms.upTo'), 'Hasta {{max}} caracteres.');
    assert.equal(es('forms.upTo', { max: 160 }), 'Hasta 160 caracteres.');
    assert.equal(es('forms.upTo', { max: 80 }), 'Hasta 80 caracteres.');
    assert.equal(es('home.countOpen', { count: 1 }), '1 reto abierto');
    assert.equal(es('home.countOpen', { count: 4 }), '4 retos abiertos');
  });

  it('answers an unknown key with the key, however many times it is asked', () => {
    const es = createTranslator().t('es');
    for (let i = 0; i < 6000; i += 1) assert.equal(es(`site.none.key${i}`), `site.none.key${i}`);
    assert.equal(es('forms.errorSummary'), 'Revisa lo siguiente:');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { skillKey } from '../../../../server/challenges/browse-skills.ts';

describe('skill keys', () => {
  it('compare skills without case or accents', () => {
    assert.equal(skillKey(' Diseño '), 'diseno');
    assert.equal(skillKey('PostgreSQL'), 'postgresql');
    assert.equal(skillKey('Node.js'), 'node.js');
    assert.equal(skillKey('Análisis de Datos'), 'analisis de datos');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { centavosAsDecimal, formatCentavos, parsePesos } from '../../../../server/lib/money.ts';

describe('money', () => {
  it('parses pesos as people type them into exact integer centavos', () => {
    assert.equal(parsePesos('50,000'), 5_000_000);
    assert.equal(parsePesos('50000.5'), 5_000_050);
    assert.equal(parsePesos('$ 1 250.05'), 125_005);
    assert.equal(parsePesos('0.10'), 10);
    // 0.1 + 0.2 style sums never happen: 0.29 * 100 is 28.999… in floating point.
    assert.equal(parsePesos('0.29'), 29);
    assert.equal(parsePesos('1234567.89'), 123_456_789);
  });

  it('refuses anything that is not an amount', () => {
    for (const input of [
      '',
      'abc',
      '12.345',
      '-5',
      '1e5',
      '5.',
      '.5',
      '1.000.000',
      '999999999999999999',
    ]) {
      assert.equal(parsePesos(input), undefined, input);
    }
  });

  it('formats centavos in both languages and as a plain decimal', () => {
    assert.equal(formatCentavos(5_000_050, 'es'), '$50,000.50');
    assert.equal(formatCentavos(5_000_050, 'en'), 'MX$50,000.50');
    assert.equal(formatCentavos(29, 'es'), '$0.29');
    assert.equal(centavosAsDecimal(123_456_789), '1234567.89');
    assert.equal(centavosAsDecimal(5), '0.05');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, writeCsv } from '../../../../server/lib/csv.ts';

describe('the CSV writer', () => {
  it('starts every file with a byte-order mark, and writes the header even with no rows', () => {
    const csv = writeCsv(['id', 'title'], []);
    assert.ok(csv.startsWith('\uFEFF'));
    assert.deepEqual(parse(csv, { bom: true }), [['id', 'title']]);
  });

  it('neutralises every text cell a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(1)', '\t=1+1', '\r=1+1']) {
      assert.equal(neutraliseCell(value), `'${value}`, JSON.stringify(value));
    }
    for (const value of ['Río Atoyac', '1+1', 'a=b', '', 'mañana @ 10']) {
      assert.equal(neutraliseCell(value), value, JSON.stringify(value));
    }
    assert.equal(neutraliseCell(-1), -1, 'numbers are values, not formulas');
    assert.equal(neutraliseCell(null), null);
  });

  it('keeps accents, quotes, commas and new lines as typed, in the columns asked for', () => {
    const rows = [{ title: 'Descargas, "urgentes"\ny más', id: 'a', extra: 'x' }];
    const csv = writeCsv(['id', 'title'], rows);
    assert.deepEqual(parse(csv, { bom: true }), [
      ['id', 'title'],
      ['a', 'Descargas, "urgentes"\ny más'],
    ]);
  });
});

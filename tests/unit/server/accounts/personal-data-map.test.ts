import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anonymisedTables,
  anonymisers,
} from '../../../../server/accounts/personal-data-erasure.ts';
import { exportSections } from '../../../../server/accounts/export-sections.ts';
import { personalDataMap } from '../../../../server/accounts/personal-data-map.ts';

describe('the personal-data map', () => {
  it('puts every column in a section of the download', () => {
    const sections = new Map(exportSections.map((section) => [section.name, section.table]));
    for (const entry of personalDataMap) {
      const name = `${entry.table}.${entry.column}`;
      if (entry.table === 'users') {
        assert.ok(['account', 'github'].includes(entry.section), name);
      } else {
        assert.equal(sections.get(entry.section), entry.table, `${name} in ${entry.section}`);
      }
    }
  });

  it('gives every section a column that picks out the person', () => {
    for (const section of exportSections) {
      const pickers = personalDataMap.filter(
        (entry) => entry.section === section.name && entry.match !== 'none',
      );
      assert.ok(pickers.length > 0, section.name);
    }
  });

  it('deletes or nulls only through a column that picks out the person', () => {
    for (const entry of personalDataMap) {
      if (entry.deletion.action === 'delete-row' || entry.deletion.action === 'set-null') {
        assert.notEqual(entry.match, 'none', `${entry.table}.${entry.column}`);
      }
    }
  });

  it('has an anonymiser for every table with anonymised columns, the user row last', () => {
    const tables = anonymisedTables();
    for (const table of tables) assert.equal(typeof anonymisers[table], 'function', table);
    assert.equal(tables.at(-1), 'users');
    assert.deepEqual(Object.keys(anonymisers).sort(), [...tables].sort(), 'no unused anonymiser');
  });

  it('lists each column once', () => {
    const names = personalDataMap.map((entry) => `${entry.table}.${entry.column}`);
    assert.equal(new Set(names).size, names.length);
  });
});

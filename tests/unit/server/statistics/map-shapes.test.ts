import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mexico from '@svg-maps/mexico';
import { mexicanStates } from '../../../../models/mexican-states.ts';
import { mapBuckets } from '../../../../server/statistics/map-view.ts';
import { stateShapes } from '../../../../server/statistics/map-shapes.ts';

const plain = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

// The package names two states differently from INEGI.
const packageNames: Record<string, string> = { 'mexico city': 'CDMX', mexico: 'MEX' };

describe('the map of Mexico', () => {
  it('gives each of the 32 states the outline the package names after it', () => {
    const codeByName = new Map(mexicanStates.map((state) => [plain(state.name), state.code]));
    const locations = (mexico as unknown as { locations: { name: string; path: string }[] })
      .locations;
    assert.equal(stateShapes.length, 32);
    assert.equal(new Set(stateShapes.map((shape) => shape.code)).size, 32);
    for (const location of locations) {
      const expected = packageNames[plain(location.name)] ?? codeByName.get(plain(location.name));
      assert.ok(expected, `no state named ${location.name}`);
      const shape = stateShapes.find((candidate) => candidate.path === location.path);
      assert.equal(shape?.code, expected, location.name);
    }
  });

  it('colours in at most four steps from one to the largest value', () => {
    assert.deepEqual(mapBuckets(0), []);
    assert.deepEqual(mapBuckets(3), [
      { bucket: 1, from: 1, to: 1 },
      { bucket: 2, from: 2, to: 2 },
      { bucket: 3, from: 3, to: 3 },
    ]);
    assert.deepEqual(mapBuckets(10), [
      { bucket: 1, from: 1, to: 3 },
      { bucket: 2, from: 4, to: 6 },
      { bucket: 3, from: 7, to: 9 },
      { bucket: 4, from: 10, to: 10 },
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate, isIsoInstant } from '../../../../server/lib/dates.ts';

describe('lib/dates', () => {
  it('accepts real calendar days between 2000 and 2100, leap days included', () => {
    for (const day of ['2000-01-01', '2024-02-29', '2026-12-31', '2100-12-31']) {
      assert.equal(isCalendarDate(day), true, day);
    }
  });

  it('refuses days that do not exist rather than rolling them over', () => {
    for (const day of ['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10']) {
      assert.equal(isCalendarDate(day), false, day);
    }
  });

  it('refuses years PostgreSQL or people would not mean, and loose formats', () => {
    for (const day of ['0000-01-01', '1999-12-31', '2101-01-01', '+275760-09-13', '2026-2-3', '']) {
      assert.equal(isCalendarDate(day), false, day);
    }
  });

  it('accepts an instant only as toISOString writes it, within the same bounds', () => {
    assert.equal(isIsoInstant('2026-12-02T03:04:05.678Z'), true);
    for (const instant of [
      '0000-01-01T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '2026-02-30T00:00:00.000Z',
      '2026-12-02T03:04:05Z',
      '2026-12-02T25:00:00.000Z',
      '2026-12-02',
    ]) {
      assert.equal(isIsoInstant(instant), false, instant);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeCursor,
  encodeCursor,
  type CursorPosition,
} from '../../../../server/challenges/browse-cursor.ts';

const id = '3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f';
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('browse cursor', () => {
  const positions: CursorPosition[] = [
    { sort: 'newest', publishedAt: '2026-11-23T15:30:35.694Z', id },
    { sort: 'relevance', rank: 0.0607927106320858, publishedAt: '2026-01-01T00:00:00.001Z', id },
    { sort: 'proposals', proposals: 12, publishedAt: '2026-11-23T15:30:35.000Z', id },
    { sort: 'deadline', today: '2026-11-23', bucket: 1, days: 30, id },
    { sort: 'deadline', today: '2028-02-29', bucket: 2, days: 0, id },
  ];

  it('round-trips every kind of position exactly, floats and milliseconds included', () => {
    for (const position of positions) {
      const cursor = encodeCursor(position);
      assert.match(cursor, /^[A-Za-z0-9_-]+$/, 'URL-safe without escaping');
      assert.deepEqual(decodeCursor(cursor, position.sort), position);
    }
  });

  it('belongs to one sort order only', () => {
    const cursor = encodeCursor(positions[0]!);
    assert.equal(decodeCursor(cursor, 'deadline'), undefined);
    assert.equal(decodeCursor(cursor, 'relevance'), undefined);
  });

  it('rejects what is not base64url JSON of a position', () => {
    for (const raw of [
      '',
      'abc',
      '!!!',
      'eyJv',
      `${encodeCursor(positions[0]!)}=`,
      'a'.repeat(401),
    ]) {
      assert.equal(decodeCursor(raw, 'newest'), undefined, raw);
    }
    assert.equal(decodeCursor(json(null), 'newest'), undefined);
    assert.equal(decodeCursor(json([1, 2]), 'newest'), undefined);
    assert.equal(decodeCursor(json('newest'), 'newest'), undefined);
  });

  it('rejects positions with impossible or hostile values', () => {
    const bad: [unknown, CursorPosition['sort']][] = [
      [{ o: 'newest', k: ['2026-02-30T00:00:00.000Z'], i: id }, 'newest'],
      [{ o: 'newest', k: ['2026-11-23T15:30:35Z'], i: id }, 'newest'],
      [{ o: 'newest', k: ['2026-11-23'], i: id }, 'newest'],
      [{ o: 'newest', k: [1732375835694], i: id }, 'newest'],
      [{ o: 'newest', k: ['2026-11-23T15:30:35.694Z'], i: 'not-a-uuid' }, 'newest'],
      [{ o: 'newest', k: ['2026-11-23T15:30:35.694Z'], i: `${id}' or 1=1 --` }, 'newest'],
      [{ o: 'newest', k: ['2026-11-23T15:30:35.694Z', 1], i: id }, 'newest'],
      [{ o: 'newest', k: ['2026-11-23T15:30:35.694Z'], i: id, x: 1 }, 'newest'],
      [{ o: 'relevance', k: [-1, '2026-11-23T15:30:35.694Z'], i: id }, 'relevance'],
      [{ o: 'relevance', k: ['0.5', '2026-11-23T15:30:35.694Z'], i: id }, 'relevance'],
      [{ o: 'proposals', k: [1.5, '2026-11-23T15:30:35.694Z'], i: id }, 'proposals'],
      [{ o: 'proposals', k: [2 ** 31, '2026-11-23T15:30:35.694Z'], i: id }, 'proposals'],
      [{ o: 'deadline', k: ['2026-11-31', 0, 3], i: id }, 'deadline'],
      [{ o: 'deadline', k: ['2026-11-23', 3, 3], i: id }, 'deadline'],
      [{ o: 'deadline', k: ['2026-11-23', 0, -3], i: id }, 'deadline'],
      [{ o: 'deadline', k: ['2026-11-23', 0], i: id }, 'deadline'],
      // Real instants PostgreSQL cannot hold ("date/time field value out of range").
      [{ o: 'newest', k: ['0000-01-01T00:00:00.000Z'], i: id }, 'newest'],
      [{ o: 'newest', k: ['+275760-09-13T00:00:00.000Z'], i: id }, 'newest'],
      [{ o: 'prize', k: [0, '-000001-01-01T00:00:00.000Z'], i: id }, 'prize'],
      [{ o: 'deadline', k: ['0000-01-01', 0, 3], i: id }, 'deadline'],
    ];
    for (const [payload, sort] of bad) {
      assert.equal(decodeCursor(json(payload), sort), undefined, JSON.stringify(payload));
    }
  });
});

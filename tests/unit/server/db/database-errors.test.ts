import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm';
import {
  isDatabaseUnavailable,
  isRejectedData,
  sqlStateOf,
} from '../../../../server/db/database-errors.ts';

/** An error as the server sends it through pg or PGlite: a SQLSTATE and a severity. */
function serverError(code: string, message = 'server says no'): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
}

const wrapped = (cause: unknown) =>
  new DrizzleQueryError(
    'select * from users where email = $1',
    ['ana@example.org'],
    cause as Error,
  );

describe('isDatabaseUnavailable', () => {
  const unavailable: [string, () => unknown][] = [
    ['a connection exception (class 08)', () => serverError('08006')],
    ['a connection that never opened (08001)', () => serverError('08001')],
    ['a backend ended by an administrator (57P01)', () => serverError('57P01', 'terminating')],
    ['a server shutting down (57P02)', () => serverError('57P02')],
    ['a server starting up (57P03)', () => serverError('57P03')],
    ['too many connections (53300)', () => serverError('53300')],
    ['a refused connection', () => socketError('ECONNREFUSED')],
    ['a reset connection', () => socketError('ECONNRESET')],
    ['a timed-out connection', () => socketError('ETIMEDOUT')],
    ['a host with no address yet', () => socketError('ENOTFOUND')],
    ['a lost connection', () => new Error('Connection terminated unexpectedly')],
    ['a connect timeout', () => new Error('Connection terminated due to connection timeout')],
    ['a pool with no free connection', () => new Error('timeout exceeded when trying to connect')],
    [
      'a client that already lost its connection',
      () => new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'every address of "localhost" refusing',
      () => new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], ''),
    ],
  ];
  for (const [what, make] of unavailable) {
    it(`recognises ${what}, bare and wrapped by Drizzle`, () => {
      assert.equal(isDatabaseUnavailable(make()), true);
      assert.equal(isDatabaseUnavailable(wrapped(make())), true);
      assert.equal(isRejectedData(wrapped(make())), false);
    });
  }

  const available: [string, unknown][] = [
    ['a unique violation', wrapped(serverError('23505'))],
    ['a syntax error', wrapped(serverError('42601'))],
    ['a rejected value', wrapped(serverError('22021'))],
    ['a plain crash', new Error('undefined is not a function')],
    ['something that is not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
    // An HTTP call to another service failing is not the database going away.
    [
      'a fetch that was refused',
      new TypeError('fetch failed', { cause: socketError('ECONNREFUSED') }),
    ],
  ];
  for (const [what, error] of available) {
    it(`does not take ${what} for an unavailable database`, () => {
      assert.equal(isDatabaseUnavailable(error), false);
    });
  }
});

describe('isRejectedData', () => {
  const codes: [string, string][] = [
    ['22021', 'invalid byte sequence (a NUL character)'],
    ['22P05', 'unsupported Unicode escape'],
    ['22008', 'a date that does not exist'],
    ['22007', 'a malformed date'],
    ['22001', 'a text too long for its column'],
    ['22003', 'a number out of range'],
    ['22P02', 'a value not of its type (a malformed uuid)'],
  ];
  for (const [code, what] of codes) {
    it(`recognises ${what} (${code}), bare and wrapped by Drizzle`, () => {
      assert.equal(isRejectedData(serverError(code)), true);
      assert.equal(isRejectedData(wrapped(serverError(code))), true);
      assert.equal(isDatabaseUnavailable(wrapped(serverError(code))), false);
    });
  }

  it('leaves other failures alone', () => {
    for (const error of [
      wrapped(serverError('23505')),
      wrapped(serverError('22012')),
      wrapped(new Error('Connection terminated unexpectedly')),
      new Error('22021'),
      null,
    ]) {
      assert.equal(isRejectedData(error), false);
    }
  });
});

describe('sqlStateOf', () => {
  it('reads the code of the server error, through Drizzle’s wrapper', () => {
    assert.equal(sqlStateOf(wrapped(serverError('23505'))), '23505');
    assert.equal(sqlStateOf(serverError('57P01')), '57P01');
  });

  it('does not take a socket error code for a SQLSTATE', () => {
    assert.equal(sqlStateOf(socketError('EPIPE')), undefined);
    assert.equal(sqlStateOf(wrapped(socketError('ECONNRESET'))), undefined);
  });
});

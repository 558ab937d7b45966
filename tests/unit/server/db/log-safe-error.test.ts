import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm';
import { databaseErrorForLog } from '../../../../server/db/log-safe-error.ts';
import { capturedLogger } from '../../../support/log-capture.ts';

const EMAIL = 'ana.lopez@example.org';
const QUERY = 'insert into "users" ("email", "name") values ($1, $2)';

function serverError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR', ...extra });
}

function duplicateEmail(): DrizzleQueryError {
  return new DrizzleQueryError(
    QUERY,
    [EMAIL, 'Ana López'],
    serverError('23505', 'duplicate key value violates unique constraint "users_email_key"', {
      detail: `Key (email)=(${EMAIL}) already exists.`,
      constraint: 'users_email_key',
      table: 'users',
    }),
  );
}

function quotedValue(): DrizzleQueryError {
  return new DrizzleQueryError(
    'select * from "users" where "id" = $1',
    [EMAIL],
    serverError('22P02', `invalid input syntax for type uuid: "${EMAIL}"`),
  );
}

describe('databaseErrorForLog', () => {
  it('keeps the SQLSTATE, the query text and the constraint, not the parameters or the detail', () => {
    const described = databaseErrorForLog(duplicateEmail())!;
    const text = JSON.stringify(described);
    assert.doesNotMatch(text, /ana\.lopez|Ana López/);
    assert.equal(described.query, QUERY);
    const cause = described.cause as Record<string, unknown>;
    assert.equal(cause.code, '23505');
    assert.equal(cause.constraint, 'users_email_key');
    assert.match(String(cause.message), /users_email_key/);
    assert.match(String(described.stack), /^\s+at /);
  });

  it('drops a server message that quotes the value it refused', () => {
    const described = databaseErrorForLog(quotedValue())!;
    assert.doesNotMatch(JSON.stringify(described), /ana\.lopez/);
    assert.equal((described.cause as Record<string, unknown>).message, 'SQLSTATE 22P02');
  });

  it('keeps what the driver says about a lost connection', () => {
    const lost = new DrizzleQueryError(
      'select 1',
      [],
      new Error('Connection terminated unexpectedly'),
    );
    const described = databaseErrorForLog(lost)!;
    assert.equal(
      (described.cause as Record<string, unknown>).message,
      'Connection terminated unexpectedly',
    );
  });

  it('leaves errors that involve no query to the usual serializer', () => {
    assert.equal(databaseErrorForLog(new Error('plain')), undefined);
    assert.equal(databaseErrorForLog('text'), undefined);
  });
});

describe('the logger', () => {
  it('never writes the parameters of a failed query', () => {
    const log = capturedLogger();
    log.logger.error({ err: duplicateEmail() }, 'request failed');
    log.logger.warn({ err: quotedValue() }, 'request failed');
    // A service's own error that carries the query error as its cause.
    log.logger.error({ err: new Error('could not save', { cause: duplicateEmail() }) }, 'oops');
    assert.doesNotMatch(log.text(), /ana\.lopez|Ana López/);
    const [first] = log.entries();
    const err = first!.err as Record<string, unknown>;
    assert.equal(err.query, QUERY);
    assert.equal((err.cause as Record<string, unknown>).code, '23505');
  });

  it('still writes other errors in full', () => {
    const log = capturedLogger();
    log.logger.error({ err: new Error('the mail server said 550') }, 'sending failed');
    const err = log.entries()[0]!.err as Record<string, unknown>;
    assert.equal(err.message, 'the mail server said 550');
    assert.match(String(err.stack), /the mail server said 550/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPermanentRefusal, isServerDown } from '../../../../server/mail/smtp-failure.ts';

/** An error shaped as nodemailer reports it: a code, and the server's answer when there was one. */
const smtpError = (code: string, responseCode?: number) =>
  Object.assign(new Error(`${code} ${responseCode ?? ''}`), { code, responseCode });

describe('why a send failed', () => {
  const serverDown: [string, unknown][] = [
    ['a refused connection', smtpError('ESOCKET')],
    ['a connection closed mid-session', smtpError('ECONNECTION')],
    ['a timeout', smtpError('ETIMEDOUT')],
    ['a name that does not resolve', smtpError('EDNS')],
    ['a greeting that refuses service (554)', smtpError('EPROTOCOL', 554)],
    ['a refused sign-in (535)', smtpError('EAUTH', 535)],
    ['a server closing the channel (421)', smtpError('EMESSAGE', 421)],
  ];
  for (const [what, error] of serverDown) {
    it(`takes ${what} for the server being down, not for the message`, () => {
      assert.equal(isServerDown(error), true);
      assert.equal(isPermanentRefusal(error), false);
    });
  }

  const aboutTheMessage: [string, unknown, boolean][] = [
    ['a mailbox that does not exist (550)', smtpError('EENVELOPE', 550), true],
    ['a message refused for good (554 after DATA)', smtpError('EMESSAGE', 554), true],
    ['a full mailbox (452)', smtpError('EENVELOPE', 452), false],
    ['greylisting (451)', smtpError('EMESSAGE', 451), false],
    ['an error without a code', new Error('template missing'), false],
    ['something that is not an error', 'boom', false],
  ];
  for (const [what, error, permanent] of aboutTheMessage) {
    it(`takes ${what} for the message's own failure${permanent ? ', for good' : ''}`, () => {
      assert.equal(isServerDown(error), false);
      assert.equal(isPermanentRefusal(error), permanent);
    });
  }
});

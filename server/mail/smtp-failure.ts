// Why a send failed decides what waits: the one message, or every message until the server is back.

/** Nodemailer's codes for a server that could not be reached, spoken to, or signed in to. */
const SERVER_DOWN_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'EPROXY',
]);

// 421: the server is closing the channel (shutting down, overloaded), whatever the message.
const SERVICE_NOT_AVAILABLE = 421;

interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
}

const fields = (error: unknown): SmtpError =>
  typeof error === 'object' && error !== null ? (error as SmtpError) : {};

/**
 * The mail server as a whole is unusable (refused or timed-out connection, bad greeting, failed
 * sign-in): no message would go through, so the worker waits for the server, not each message.
 */
export function isServerDown(error: unknown): boolean {
  const { code, responseCode } = fields(error);
  return (
    (typeof code === 'string' && SERVER_DOWN_CODES.has(code)) ||
    responseCode === SERVICE_NOT_AVAILABLE
  );
}

/** A 5xx answer about this message (no such mailbox, refused for good): asking again won't help. */
export function isPermanentRefusal(error: unknown): boolean {
  const { responseCode } = fields(error);
  return (
    !isServerDown(error) &&
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600
  );
}

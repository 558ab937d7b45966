import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';
import { isNotificationKind, type NotificationKind } from './email-kinds.ts';
import { isUuid } from '../lib/index.ts';

/** What an unsubscribe link stops: one kind of notification, or all of them (the digest's link). */
export type UnsubscribeScope = NotificationKind | 'all';

type Secret = Pick<Config, 'sessionSecret'>;

function mac(config: Secret, payload: string): Buffer {
  // A purpose prefix, so this key never signs anything the session cookie would accept.
  return createHmac('sha256', config.sessionSecret).update(`unsubscribe:${payload}`).digest();
}

/** A token that names a person and a scope, signed so it works without signing in. */
export function unsubscribeToken(config: Secret, userId: string, scope: UnsubscribeScope): string {
  const payload = `${userId}.${scope}`;
  return `${Buffer.from(payload).toString('base64url')}.${mac(config, payload).toString('base64url')}`;
}

export function unsubscribeUrl(
  config: Secret & Pick<Config, 'baseUrl'>,
  userId: string,
  scope: UnsubscribeScope,
): string {
  return `${config.baseUrl}/avisos/baja/${unsubscribeToken(config, userId, scope)}`;
}

/** The person and scope a token names, or null when it is malformed or its signature is wrong. */
export function readUnsubscribeToken(
  config: Secret,
  token: string,
): { userId: string; scope: UnsubscribeScope } | null {
  if (token.length > 300) return null;
  const [encoded, signature, extra] = token.split('.');
  if (!encoded || !signature || extra !== undefined) return null;
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = mac(config, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, scope, more] = payload.split('.');
  if (more !== undefined || !isUuid(userId)) return null;
  if (scope !== 'all' && !isNotificationKind(scope)) return null;
  return { userId, scope };
}

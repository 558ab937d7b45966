import { z } from 'zod';
import { notificationDeliveries } from '../../models/schema/index.ts';
import { notificationKinds, type NotificationKind } from '../mail/index.ts';

const delivery = z.enum(notificationDeliveries, { error: 'notifications.preferences.invalid' });

// One radio group per kind; every kind must come with a known choice.
export const preferencesForm = z.object(
  Object.fromEntries(notificationKinds.map((kind) => [kind, delivery])) as Record<
    NotificationKind,
    typeof delivery
  >,
);

/** What the form sent for each kind, as typed, to show again after a refusal. */
export function typedChoices(body: unknown): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    notificationKinds.map((kind) => [kind, typeof source[kind] === 'string' ? source[kind] : '']),
  );
}

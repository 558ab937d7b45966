import type { NotificationDelivery } from '../../models/schema/index.ts';

// The kinds of notification a person chooses how to receive, in the order /cuenta lists them.
export const notificationKinds = [
  'proposal_submitted',
  'proposal_decision',
  'delivery',
  'adoption',
  'challenge_progress',
  'challenge_deadline',
  'discussion',
  'pledge',
  'claim',
  'organization_verified',
  'invitation',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

// Emails a person asked for (a sign-in link): never held back, no unsubscribe link.
export const essentialKinds = ['sign_in'] as const;
export type EssentialKind = (typeof essentialKinds)[number];

export type EmailKind = NotificationKind | EssentialKind;

// Progress on watched challenges can be frequent: it waits for the daily digest unless changed.
const defaults: Partial<Record<NotificationKind, NotificationDelivery>> = {
  challenge_progress: 'daily',
};

export function defaultDelivery(kind: NotificationKind): NotificationDelivery {
  return defaults[kind] ?? 'immediate';
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (notificationKinds as readonly string[]).includes(value);
}

export function isEssentialKind(kind: string): kind is EssentialKind {
  return (essentialKinds as readonly string[]).includes(kind);
}

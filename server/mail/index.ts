export { defaultDelivery, notificationKinds, type NotificationKind } from './email-kinds.ts';
export { createMailer, outboxDir, type Mailer, type OutgoingEmail } from './mailer.ts';
export {
  deliverDueEmails,
  startOutboxWorker,
  type DeliveryOptions,
  type DeliveryReport,
  type OutboxDeps,
  type OutboxWorker,
} from './outbox-worker.ts';
export {
  deleteOldOutboxRows,
  enqueueEmails,
  toEach,
  type EmailRecipient,
  type EmailToSend,
  type EnqueueResult,
} from './outbox.ts';
export {
  DIGEST_KIND,
  DIGEST_TEMPLATE,
  renderOutboxMessage,
  type DigestItem,
} from './render-outbox-message.ts';
export { renderEmail, renderSubject } from './templates.ts';
export {
  readUnsubscribeToken,
  unsubscribeToken,
  unsubscribeUrl,
  type UnsubscribeScope,
} from './unsubscribe-token.ts';

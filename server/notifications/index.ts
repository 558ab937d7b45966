export { digestCutoff, sendDailyDigests } from './digest.ts';
export { notifyUsers } from './notify-users.ts';
export { preferencesOf, saveChoices } from './preferences.ts';
export { organizationMemberIds, watcherIds } from './recipients.ts';
export { notificationRoutes } from './routes.ts';

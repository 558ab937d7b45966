// People as the rest of Retos sees them: how they are named and which platform roles they hold.
export {
  displayName,
  personView,
  publicName,
  publicPersonColumns,
  senderName,
  type PersonView,
} from './display-name.ts';
export { isAdmin, isModerator, isVolunteer } from './roles.ts';
export { volunteerByLogin } from './volunteers.ts';

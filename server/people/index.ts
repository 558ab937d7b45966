export { displayName, publicPersonColumns } from './display-name.ts';
export { isAdmin, isModerator, isVolunteer } from './roles.ts';

import type { MembershipRole, User } from '../../models/schema/index.ts';
import { isModerator } from '../people/index.ts';
import type { Config } from '../config.ts';

/** The viewer's role in an organization; null when they are not a member (or not signed in). */
export type ViewerRole = MembershipRole | null;

type Admins = Pick<Config, 'adminEmails' | 'adminGithubLogins'>;

export function isMemberRole(role: ViewerRole): role is MembershipRole {
  return role === 'owner' || role === 'member';
}

/** Anyone signed in starts an organization and becomes its owner; a deleted account cannot. */
export function canCreateOrganization(user: User | undefined): boolean {
  return Boolean(user && !user.deletedAt);
}

/** Any member edits the organization's profile: it belongs to all of them. */
export function canEditOrganization(role: ViewerRole): boolean {
  return isMemberRole(role);
}

/** Who belongs to an organization is shown only to its members. */
export function canViewMembers(role: ViewerRole): boolean {
  return isMemberRole(role);
}

/** Drafts of an organization's challenges are for its members' eyes only. */
export function canViewDraftChallenges(role: ViewerRole): boolean {
  return isMemberRole(role);
}

export function canInviteMembers(role: ViewerRole): boolean {
  return role === 'owner';
}

export function canRevokeInvitations(role: ViewerRole): boolean {
  return role === 'owner';
}

/**
 * Only the invited address joins: a forwarded link must not grant membership (for a government
 * office, pledging in its name). A signed-in account's email is always a verified one.
 */
export function canAcceptInvitation(user: Pick<User, 'email'>, invitedEmail: string): boolean {
  return Boolean(user.email) && user.email!.toLowerCase() === invitedEmail.trim().toLowerCase();
}

export function canRemoveMembers(role: ViewerRole): boolean {
  return role === 'owner';
}

export function canChangeMemberRoles(role: ViewerRole): boolean {
  return role === 'owner';
}

export function canLeaveOrganization(role: ViewerRole): boolean {
  return isMemberRole(role);
}

/** Verification is a moderator's word that the organization is who it says it is. */
export function canVerifyOrganizations(user: User | undefined, admins: Admins): boolean {
  return isModerator(user, admins);
}

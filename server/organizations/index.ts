export { invitationForm, organizationForm } from './forms.ts';
export { memberOrganizations } from './member-organizations.ts';
export { isOrganizationMember } from './membership.ts';
export {
  canChangeMemberRoles,
  canEditOrganization,
  canInviteMembers,
  canLeaveOrganization,
  canRemoveMembers,
  canRevokeInvitations,
  canVerifyOrganizations,
  canViewDraftChallenges,
  canViewMembers,
  type ViewerRole,
} from './permissions.ts';
export { organizationRoutes } from './routes.ts';

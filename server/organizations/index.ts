// Organizations: communities, NGOs, academic groups and government offices, their members,
// invitations and verification. A challenge belongs to an organization.
export { memberOrganizations } from './member-organizations.ts';
export { isOrganizationMember, membershipRole } from './membership.ts';
export type { OrganizationPageSection, OrganizationPageViewer } from './page-sections.ts';
export { canViewDraftChallenges, type ViewerRole } from './permissions.ts';
export { organizationRoutes } from './routes.ts';

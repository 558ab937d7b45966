// Sponsorships: verified government offices pledge support to challenges, in a public ledger.
export { sponsorshipsOnChallengePage } from './challenge-section.ts';
export { pledgesOnOrganizationPage } from './organization-section.ts';
export { sponsorshipRoutes } from './routes.ts';
export { changeSponsorship, pledgeSponsorship } from './service.ts';

// Sponsorships: verified government offices pledge support to challenges, in a public ledger.
export { amendSponsorship } from './amendment.ts';
export { sponsorshipsOnChallengePage } from './challenge-section.ts';
export { fulfilSponsorship, respondToFulfilment } from './fulfilment.ts';
export { isOverdue } from './lifecycle.ts';
export { pledgesOnOrganizationPage } from './organization-section.ts';
export { remindOverduePledges } from './overdue-reminders.ts';
export { sponsorshipRoutes } from './routes.ts';
export { pledgeSponsorship, withdrawSponsorship } from './service.ts';

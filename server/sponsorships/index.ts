export { ledgerRows } from './ledger.ts';
export { canChangeSponsorship } from './lifecycle.ts';
export { canBeSponsored, pledgeRefusal } from './permissions.ts';
export { sponsorshipRoutes } from './routes.ts';
export { sponsorshipsOfChallenge } from './service.ts';

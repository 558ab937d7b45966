// The running process: the database made ready, the HTTP server, and the work done on a timer.
export { listen, type RunningServer } from './http-server.ts';
export { startMaintenance } from './maintenance.ts';
export { prepareDatabase } from './prepare-database.ts';
export { DatabaseUnreachableError, waitForDatabase } from './wait-for-database.ts';
export { startScheduledJobs, type JobDeps, type ScheduledJobs } from './scheduled-jobs.ts';

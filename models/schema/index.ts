export * from './organizations.ts';
export * from './users.ts';
export * from './memberships.ts';
export * from './challenges.ts';
export * from './sessions.ts';
export * from './rate-limits.ts';
export * from './login-tokens.ts';

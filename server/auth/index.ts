// Signing in: volunteers through GitHub (passport-github2), everyone else by an emailed link.
export { createPassport } from './passport.ts';
export { defaultSignInLimits, type SignInLimits } from './rate-limits.ts';
export { requireUser } from './require-user.ts';
export { deleteStaleLoginTokens } from './login-tokens.ts';
export { authRoutes } from './routes.ts';

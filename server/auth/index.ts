export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_GITHUB_PATH,
  githubSettings,
} from './github-settings.ts';
export { createLoginToken } from './login-tokens.ts';
export { createPassport } from './passport.ts';
export { defaultSignInLimits, type SignInLimits } from './rate-limits.ts';
export { requireUser } from './require-user.ts';
export { safeReturnTo } from './return-to.ts';
export { authRoutes } from './routes.ts';
export { deleteStaleLoginTokens } from './login-tokens.ts';

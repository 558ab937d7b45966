// Development only: loaded by server/index.ts outside production, never imported by the app.
export { developmentTools, type DevelopmentTools } from './development-tools.ts';
export { demoGithubAccounts, demoGithubRepositories } from './demo-github.ts';
export {
  createGithubEmulator,
  type EmulatedAccount,
  type EmulatedRepository,
} from './github-emulator.ts';

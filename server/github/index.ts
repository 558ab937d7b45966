// GitHub as Retos talks to it: the OAuth app volunteers sign in with, and the REST API that
// says whether a proposal's repository is public and open source.
export {
  canonicalRepositoryUrl,
  checkRepository,
  isRepositoryProblem,
  parseRepositoryUrl,
  repositoryApiUrl,
  repositoryVerdict,
  type RepositoryCheckResult,
} from './repository-check.ts';
export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_GITHUB_PATH,
  githubSettings,
  type GithubSettings,
} from './settings.ts';

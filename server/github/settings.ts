import type { Config } from '../config.ts';

// Outside production, without a GitHub app, an in-app demo GitHub (server/dev) answers here.
export const DEMO_GITHUB_PATH = '/dev/github';
export const DEMO_CLIENT_ID = 'retos-demo-client';
export const DEMO_CLIENT_SECRET = 'retos-demo-secret';

export interface GithubSettings {
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  userProfileUrl: string;
  userEmailUrl: string;
  /** The REST API base, for repository checks. */
  apiUrl: string;
  /** True when the in-app demo GitHub stands in for a real OAuth app. */
  demo: boolean;
}

/** The GitHub app to use: the configured one, or outside production the demo one. */
export function githubSettings(config: Config): GithubSettings {
  const { clientId, clientSecret } = config.github;
  const demo = !config.isProduction && !clientId;
  const oauthUrl = demo ? `${config.baseUrl}${DEMO_GITHUB_PATH}` : config.github.oauthUrl;
  const apiUrl = demo ? `${config.baseUrl}${DEMO_GITHUB_PATH}/api` : config.github.apiUrl;
  return {
    clientId: demo ? DEMO_CLIENT_ID : (clientId ?? ''),
    clientSecret: demo ? DEMO_CLIENT_SECRET : (clientSecret ?? ''),
    authorizationUrl: `${oauthUrl}/login/oauth/authorize`,
    tokenUrl: `${oauthUrl}/login/oauth/access_token`,
    userProfileUrl: `${apiUrl}/user`,
    userEmailUrl: `${apiUrl}/user/emails`,
    apiUrl,
    demo,
  };
}

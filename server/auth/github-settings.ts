import type { Config } from '../config.ts';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_GITHUB_PATH } from '../dev/demo-github.ts';

export interface GithubSettings {
  clientId: string;
  clientSecret: string;
  authorizationUrl: string;
  tokenUrl: string;
  userProfileUrl: string;
  userEmailUrl: string;
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
    demo,
  };
}

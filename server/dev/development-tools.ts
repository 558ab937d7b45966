import type { Router } from 'express';
import { githubSettings } from '../github/index.ts';
import type { Config } from '../config.ts';
import { outboxDir } from '../mail/index.ts';
import { demoGithub } from './demo-github.ts';
import { devMailRoutes } from './mail-routes.ts';

/** What development adds to the app: the demo GitHub's API, and pages mounted after the site's. */
export interface DevelopmentTools {
  /** Called server to server (token, API): mounted before sessions and CSRF. */
  api: Router[];
  pages: Router[];
}

/**
 * The demo GitHub (when no GitHub app is configured) and the outbox reader at /dev/correo.
 * Never in production, whoever asks.
 */
export function developmentTools(config: Config): DevelopmentTools | undefined {
  if (config.isProduction) return undefined;
  const demo = githubSettings(config).demo ? demoGithub() : undefined;
  return {
    api: demo ? [demo.api] : [],
    pages: [...(demo ? [demo.pages] : []), devMailRoutes(outboxDir(config))],
  };
}

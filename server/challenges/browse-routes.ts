import { Router } from 'express';
import type { FeatureDeps } from '../feature-deps.ts';

// /retos: browse, filter and search published challenges.
export function browseRoutes(_deps: FeatureDeps): Router {
  return Router();
}

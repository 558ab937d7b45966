import { Router } from 'express';
import type { FeatureDeps } from '../feature-deps.ts';

export function dashboardRoutes(_deps: FeatureDeps): Router {
  return Router();
}

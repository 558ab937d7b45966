import { Router } from 'express';
import type { FeatureDeps } from '../feature-deps.ts';

export function claimRoutes(_deps: FeatureDeps): Router {
  return Router();
}

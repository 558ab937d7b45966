import { Router } from 'express';
import type { FeatureDeps } from '../feature-deps.ts';

export function proposalRoutes(_deps: FeatureDeps): Router {
  return Router();
}

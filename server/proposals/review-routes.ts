import { Router } from 'express';
import type { FeatureDeps } from '../feature-deps.ts';

export function reviewRoutes(_deps: FeatureDeps): Router {
  return Router();
}

import { Router } from 'express';
import type { FeatureDeps } from '../feature-deps.ts';

// Organizations: list, create, profile, members and invitations, verification.
export function organizationRoutes(_deps: FeatureDeps): Router {
  return Router();
}

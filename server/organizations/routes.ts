import { Router } from 'express';
import type { Db } from '../db.ts';

// Organizations: list, create, profile, members and invitations, verification.
export function organizationRoutes(_db: Db): Router {
  return Router();
}

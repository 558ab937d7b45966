import { Router } from 'express';
import type { Db } from '../db.ts';

// /retos: browse, filter and search published challenges.
export function browseRoutes(_db: Db): Router {
  return Router();
}

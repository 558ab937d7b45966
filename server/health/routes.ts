import { Router } from 'express';
import type { Database } from '../db/index.ts';

/** Liveness for load balancers: 200 when the database answers, 503 when it does not. */
export function healthRoutes(database: Pick<Database, 'ping' | 'driver'>): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const started = performance.now();
    try {
      await database.ping();
      res.json({
        status: 'ok',
        database: {
          status: 'ok',
          driver: database.driver,
          latencyMs: Math.round(performance.now() - started),
        },
      });
    } catch {
      res
        .status(503)
        .json({ status: 'error', database: { status: 'unreachable', driver: database.driver } });
    }
  });
  return router;
}

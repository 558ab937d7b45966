import type { RequestHandler } from 'express';

/**
 * A request that may have changed something may also have written emails to the outbox: once it
 * has answered (its transaction committed), the worker looks at once instead of at its next poll.
 */
export function wakeOutboxAfterWrites(worker: { wake(): void } | undefined): RequestHandler {
  return (req, res, next) => {
    if (worker && req.method !== 'GET' && req.method !== 'HEAD') {
      res.once('finish', () => worker.wake());
    }
    next();
  };
}

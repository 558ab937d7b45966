import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { assetVersion } from '../views/index.ts';

const WEEK_SECONDS = 7 * 24 * 60 * 60;
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The public folder, each top-level entry under its own prefix, so a page request never looks
 * for a file on disk first. A URL carrying the file's current hash (`{{asset}}`) never changes:
 * it is cached for a year as immutable; any other URL of a file for a week.
 */
export function staticFiles(publicDir: string, options: { production: boolean }): Router {
  const router = Router();
  const setHeaders = (res: Response, filePath: string) => {
    if (!options.production) return;
    const file = path.relative(publicDir, filePath).split(path.sep).join('/');
    const requested = res.req.query.v;
    const current = typeof requested === 'string' && requested === assetVersion(file);
    res.setHeader(
      'Cache-Control',
      current ? `public, max-age=${YEAR_SECONDS}, immutable` : `public, max-age=${WEEK_SECONDS}`,
    );
  };
  const serve = (root: string) =>
    express.static(root, {
      cacheControl: false,
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders,
    });
  const rootFiles = serve(publicDir);
  for (const entry of fs.readdirSync(publicDir, { withFileTypes: true })) {
    if (entry.isDirectory()) router.use(`/${entry.name}`, serve(path.join(publicDir, entry.name)));
    else router.get(`/${entry.name}`, rootFiles);
  }
  return router;
}

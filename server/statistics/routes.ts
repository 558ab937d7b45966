import { Router } from 'express';
import { BadRequestError } from '../errors.ts';
import type { FeatureDeps } from '../http/index.ts';
import { statisticsCache } from './figures-cache.ts';
import { parseStatisticsQuery } from './filters.ts';
import { statisticsPage } from './page-view.ts';
import { statistics } from './service.ts';

/** Figures change slowly: they are computed once a minute, and a browser may keep them as long. */
export const STATISTICS_MAX_AGE_SECONDS = 60;

// /estadisticas: the map of Mexico, the funnel from challenge to impact, goals, money by office
// and medians, for everyone or filtered by state and organization. GET only, no JavaScript.
export function statisticsRoutes({ db }: FeatureDeps): Router {
  const router = Router();
  const cache = statisticsCache((filters) => statistics(db, filters));

  router.get('/estadisticas', async (req, res) => {
    const query = parseStatisticsQuery(req.query);
    if (!query) throw new BadRequestError('statistics.errors.filter');
    const figures = await cache.figures({
      state: query.state,
      organizationSlug: query.organizationSlug,
    });
    // The header names a signed-in visitor: only their own browser may keep that copy.
    res.set(
      'Cache-Control',
      `${req.user ? 'private' : 'public'}, max-age=${STATISTICS_MAX_AGE_SECONDS}`,
    );
    res.render('statistics/index', statisticsPage(req.t, req.language, figures, query));
  });

  return router;
}

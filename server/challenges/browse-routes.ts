import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../http/index.ts';
import { decodeCursor } from './browse-cursor.ts';
import { browseUrl, parseBrowseQuery, type BrowseParam } from './browse-query.ts';
import { browseChallenges } from './browse-service.ts';
import { activeFilterCount, browseForm } from './browse-view.ts';

type Params = Partial<Record<BrowseParam, string>>;

function renderBrowse(
  req: Request,
  res: Response,
  params: Params,
  view: { invalid?: boolean } & Record<string, unknown>,
) {
  const q = params.q;
  const activeFilters = activeFilterCount(params);
  res.render('challenges/browse', {
    pageTitle: q ? req.t('browse.titleSearch', { q }) : req.t('browse.title'),
    metaDescription: req.t('browse.metaDescription'),
    current: 'challenges',
    form: browseForm(req.t, params),
    clearUrl: '/retos',
    activeFilters,
    // Filters fold away on a plain list, so on a phone the results come first; any use opens them.
    filtersOpen: activeFilters > 0 || params.orden !== undefined || Boolean(view.invalid),
    ...view,
  });
}

// /retos: browse, filter and search published challenges. GET only: every filter is in the URL.
export function browseRoutes({ db }: FeatureDeps): Router {
  const router = Router();

  router.get('/retos', async (req, res) => {
    const parsed = parseBrowseQuery(req.query);
    if (!parsed.ok) {
      // The form comes back with what was typed and what is wrong; no list for a query we cannot read.
      const errors = Object.fromEntries(
        Object.entries(parsed.errors).map(([name, key]) => [name, req.t(key)]),
      );
      res.status(422);
      renderBrowse(req, res, parsed.params, { errors, invalid: true });
      return;
    }

    const { query } = parsed;
    const firstPageUrl = browseUrl(query.params);
    const after = query.cursor ? decodeCursor(query.cursor, query.sort) : undefined;
    if (query.cursor && !after) {
      res.status(400);
      renderBrowse(req, res, query.params, { brokenCursor: true, firstPageUrl });
      return;
    }

    const page = await browseChallenges(db, { filters: query.filters, sort: query.sort, after });
    renderBrowse(req, res, query.params, {
      cards: page.cards,
      total: page.total,
      searched: query.params.q,
      isLaterPage: Boolean(after),
      showPager: Boolean(after) || Boolean(page.nextCursor),
      firstPageUrl,
      nextUrl: page.nextCursor ? browseUrl(query.params, page.nextCursor) : undefined,
      rankedMatches: page.rankedMatches,
      newestUrl: page.rankedMatches
        ? browseUrl({ ...query.params, orden: 'recientes' })
        : undefined,
    });
  });

  return router;
}

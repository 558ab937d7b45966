// Offset paging for the lists on server-rendered pages: a page number in the query string,
// links to the previous and next page, and nothing that a tampered value can break.

/** Past this page number a request is tampered with, not browsing; it falls back to page one. */
const MAX_PAGE = 100_000;

/** The page a query-string value asks for: a whole number from 1; anything else is page 1. */
export function requestedPage(raw: unknown): number {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return 1;
  const page = Number(raw);
  return page <= MAX_PAGE ? page : 1;
}

/** One page of a list of `total` rows: what to ask the database for, and where it sits. */
export interface PageWindow {
  page: number;
  pages: number;
  total: number;
  limit: number;
  offset: number;
}

/** The window of `page` in `total` rows; a page past the end falls back to page one. */
export function pageWindow(total: number, page: number, size: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size));
  const shown = page <= pages ? page : 1;
  return { page: shown, pages, total, limit: size, offset: (shown - 1) * size };
}

/** What the pager partial shows: the position and the links; undefined when one page holds all. */
export interface Pager {
  page: number;
  pages: number;
  previous: string | undefined;
  next: string | undefined;
}

/**
 * Links to the neighbours of a page. The other query parameters are kept, so the pages of two
 * lists on one page move independently; page one has no parameter, so its address is the page's.
 */
export function pagerLinks(
  path: string,
  query: Record<string, unknown>,
  param: string,
  window: Pick<PageWindow, 'page' | 'pages'>,
  anchor = '',
): Pager | undefined {
  if (window.pages <= 1) return undefined;
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (key !== param && typeof value === 'string') params.append(key, value);
    if (page > 1) params.set(param, String(page));
    const text = params.toString();
    return `${path}${text ? `?${text}` : ''}${anchor ? `#${anchor}` : ''}`;
  };
  return {
    page: window.page,
    pages: window.pages,
    previous: window.page > 1 ? link(window.page - 1) : undefined,
    next: window.page < window.pages ? link(window.page + 1) : undefined,
  };
}

// "Nuestros retos": what waits for each organization of a person, and each list in full.
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { memberOrganizations } from '../organizations/index.ts';
import {
  DASHBOARD_LIST_CAP,
  OUR_LIST_PAGE_SIZE,
  ourListCount,
  ourListNames,
  ourListRows,
  type OurListName,
} from './organization-lists.ts';

/** The catalogue key of each list's heading. */
const listHeadings: Record<OurListName, string> = {
  revisar: 'toReview',
  confirmar: 'toConfirm',
  reclamos: 'claims',
  borradores: 'drafts',
};

/** One list of an organization: its heading, a window of its rows and how many there are. */
export async function ourList(
  db: Db,
  list: OurListName,
  organizationId: string,
  window: { limit: number; offset: number },
) {
  return {
    name: list,
    heading: listHeadings[list],
    rows: await ourListRows(db, list, organizationId, window),
  };
}

/**
 * "Nuestros retos": per organization of the person, the first few of what waits for it, each
 * list counted in full and linked to its paged page when it holds more.
 */
export async function ourChallenges(db: Db, userId: string) {
  const organizations = await memberOrganizations(db, userId);
  return Promise.all(
    organizations.map(async (organization) => ({
      ...organization,
      lists: await Promise.all(
        ourListNames.map(async (name) => {
          const [total, list] = await Promise.all([
            ourListCount(db, name, organization.id),
            ourList(db, name, organization.id, { limit: DASHBOARD_LIST_CAP, offset: 0 }),
          ]);
          const more = total > DASHBOARD_LIST_CAP;
          return {
            ...list,
            total,
            allUrl: more ? `/nuestros-retos/${organization.slug}/${name}` : undefined,
          };
        }),
      ),
    })),
  );
}

/**
 * One list of an organization the person belongs to, in full, a page at a time; undefined when
 * the person is not a member, so nobody reads another organization's list.
 */
export async function ourListPage(
  db: Db,
  userId: string,
  slug: string,
  list: OurListName,
  query: Record<string, unknown>,
) {
  const organization = (await memberOrganizations(db, userId)).find((o) => o.slug === slug);
  if (!organization) return undefined;
  const total = await ourListCount(db, list, organization.id);
  const window = pageWindow(total, requestedPage(query.pagina), OUR_LIST_PAGE_SIZE);
  const path = `/nuestros-retos/${organization.slug}/${list}`;
  return {
    organization,
    total,
    ...(await ourList(db, list, organization.id, window)),
    pager: pagerLinks(path, query, 'pagina', window),
  };
}

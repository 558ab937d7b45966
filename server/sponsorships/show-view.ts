import type { Request } from 'express';
import type { Db } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { dayInMexico, pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import { isOrganizationMember } from '../organizations/index.ts';
import { canAmendSponsorship, canChangeSponsorship, isOverdue } from './lifecycle.ts';
import {
  findSponsorship,
  fulfilmentCount,
  pledgeFulfilments,
  pledgeVersions,
  sponsorshipHistory,
  versionCount,
} from './queries.ts';

/** Versions and deliveries a page of a pledge shows; older ones are a page away. */
export const PLEDGE_RECORDS_PAGE_SIZE = 10;

/** Everything a pledge's public page shows, and what this viewer may do with it. */
export async function pledgePageView(db: Db, req: Request) {
  const found = await findSponsorship(db, String(req.params.id));
  if (!found) throw new NotFoundError();
  const { sponsorship, office, challenge } = found;
  const sides = {
    office: await isOrganizationMember(db, req.user?.id, office.id),
    receiver: await isOrganizationMember(db, req.user?.id, challenge.organizationId),
  };
  const path = `/patrocinios/${sponsorship.id}`;
  const [versionTotal, fulfilmentTotal, history] = await Promise.all([
    versionCount(db, sponsorship.id),
    fulfilmentCount(db, sponsorship.id),
    sponsorshipHistory(db, sponsorship.id),
  ]);
  const versionWindow = pageWindow(
    versionTotal,
    requestedPage(req.query.versiones),
    PLEDGE_RECORDS_PAGE_SIZE,
  );
  const fulfilmentWindow = pageWindow(
    fulfilmentTotal,
    requestedPage(req.query.entregas),
    PLEDGE_RECORDS_PAGE_SIZE,
  );
  const [versions, fulfilments] = await Promise.all([
    pledgeVersions(db, sponsorship.id, versionWindow),
    pledgeFulfilments(db, sponsorship.id, fulfilmentWindow),
  ]);
  const can = {
    fulfil: canChangeSponsorship('fulfill', sponsorship.status, sides),
    respond: canChangeSponsorship('confirm', sponsorship.status, sides),
    amend: canAmendSponsorship(sponsorship.status, sides),
    withdraw: canChangeSponsorship('withdraw', sponsorship.status, sides),
  };
  return {
    pageTitle: req.t('sponsorships.show.title', { office: office.name }),
    ...found,
    overdue: isOverdue(sponsorship, dayInMexico(new Date())),
    history,
    versions,
    versionsPager: pagerLinks(path, req.query, 'versiones', versionWindow, 'versions-heading'),
    fulfilments,
    fulfilmentsPager: pagerLinks(
      path,
      req.query,
      'entregas',
      fulfilmentWindow,
      'deliveries-heading',
    ),
    can,
    canManage: can.fulfil || can.respond || can.amend || can.withdraw,
  };
}

// The lists of the members page: one page of members and one of pending invitations, each
// counted over every row, so an organization of thousands still gets a page of bounded size.
import type { Request } from 'express';
import type { Organization } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { pagerLinks, pageWindow, requestedPage } from '../lib/index.ts';
import {
  INVITATIONS_PAGE_SIZE,
  pendingInvitationCount,
  pendingInvitations,
} from './invitations.ts';
import { listMembers, memberCounts, MEMBERS_PAGE_SIZE } from './members.ts';

/** The page of members and, for owners, of pending invitations that the query string asks for. */
export async function membersPageLists(
  db: Db,
  req: Pick<Request, 'query'>,
  organization: Organization,
  withInvitations: boolean,
) {
  const path = `/organizaciones/${organization.slug}/miembros`;
  const [counts, invitationTotal] = await Promise.all([
    memberCounts(db, organization.id),
    withInvitations ? pendingInvitationCount(db, organization.id) : Promise.resolve(0),
  ]);
  const memberWindow = pageWindow(
    counts.members,
    requestedPage(req.query.miembros),
    MEMBERS_PAGE_SIZE,
  );
  const invitationWindow = pageWindow(
    invitationTotal,
    requestedPage(req.query.invitaciones),
    INVITATIONS_PAGE_SIZE,
  );
  const [members, invitations] = await Promise.all([
    listMembers(db, organization.id, memberWindow),
    withInvitations
      ? pendingInvitations(db, organization.id, invitationWindow)
      : Promise.resolve([]),
  ]);
  return {
    members,
    memberTotal: counts.members,
    // Counted over every member: the sole-owner rule holds whichever page the owner is on.
    owners: counts.owners,
    memberPager: pagerLinks(path, req.query, 'miembros', memberWindow, 'miembros'),
    invitations,
    invitationTotal,
    invitationPager: pagerLinks(path, req.query, 'invitaciones', invitationWindow, 'pendientes'),
  };
}

import type { Request } from 'express';
import { mexicanStates } from '../../models/mexican-states.ts';
import { organizationKinds, type Organization } from '../../models/schema/index.ts';
import type { Db } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { membershipRole } from './membership.ts';
import type { ViewerRole } from './permissions.ts';
import { organizationBySlug } from './service.ts';

/** The organization named in the path and the viewer's role in it; 404 when there is none. */
export async function organizationInPath(
  db: Db,
  req: Request,
): Promise<{ organization: Organization; role: ViewerRole }> {
  const slug = typeof req.params.slug === 'string' ? req.params.slug : '';
  const organization = slug ? await organizationBySlug(db, slug) : undefined;
  if (!organization) throw new NotFoundError();
  return { organization, role: await membershipRole(db, req.user?.id, organization.id) };
}

// One-line confirmations after a redirect, named in the query (?aviso=…); unknown names show nothing.
const notices: Record<string, string> = {
  creada: 'organizations.notices.created',
  guardada: 'organizations.notices.saved',
  'verificacion-perdida': 'organizations.notices.savedVerificationRemoved',
  verificada: 'organizations.notices.verified',
  'verificacion-retirada': 'organizations.notices.unverified',
  bienvenida: 'organizations.notices.joined',
  saliste: 'organizations.notices.left',
  'invitacion-enviada': 'organizations.notices.invitationSent',
  'invitacion-revocada': 'organizations.notices.invitationRevoked',
  'miembro-quitado': 'organizations.notices.memberRemoved',
  'rol-cambiado': 'organizations.notices.roleChanged',
};

export function noticeFor(req: Request): { text: string } | undefined {
  const name = req.query.aviso;
  if (typeof name !== 'string' || !Object.hasOwn(notices, name)) return undefined;
  return { text: req.t(notices[name]!) };
}

/** The choices the organization form offers. */
export const formChoices = {
  kinds: organizationKinds,
  states: mexicanStates,
};

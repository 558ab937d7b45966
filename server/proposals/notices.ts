import type { Request } from 'express';

// One-line confirmations after a redirect, named in the query (?aviso=…); unknown names show nothing.
const notices: Record<string, string> = {
  creada: 'proposals.notices.created',
  guardada: 'proposals.notices.saved',
  enviada: 'proposals.notices.submitted',
  'enviada-sin-verificar': 'proposals.notices.submittedUnverified',
  'repositorio-revisado': 'proposals.notices.checked',
  'repositorio-revisado-de-nuevo': 'proposals.notices.rechecked',
  'github-sin-respuesta': 'proposals.notices.githubUnreachable',
  'invitacion-enviada': 'proposals.notices.invited',
  'te-uniste': 'proposals.notices.joined',
  'invitacion-rechazada': 'proposals.notices.declined',
  'miembro-quitado': 'proposals.notices.removed',
  'dejaste-el-equipo': 'proposals.notices.left',
  retirada: 'proposals.notices.withdrawn',
};
const problemNotices = new Set(['github-sin-respuesta', 'enviada-sin-verificar']);

export function noticeFor(req: Request) {
  const name = req.query.aviso;
  if (typeof name !== 'string' || !Object.hasOwn(notices, name)) return undefined;
  return { text: req.t(notices[name]!), problem: problemNotices.has(name) };
}

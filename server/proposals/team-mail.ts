import type { FeatureDeps } from '../feature-deps.ts';
import { isLanguage, type Translate } from '../i18n/index.ts';
import { renderEmail } from '../mail/templates.ts';
import { teamContacts, type ProposalTarget } from './team-queries.ts';

export type TeamEmail = 'proposal-decision' | 'delivery-confirmed';

/**
 * Writes to everyone on the team, each in their language. Called after the change is committed;
 * a failed send is logged and undoes nothing.
 */
export async function notifyTeam(
  deps: Pick<FeatureDeps, 'db' | 'mailer' | 'translator' | 'config' | 'logger'>,
  target: ProposalTarget,
  template: TeamEmail,
  context: (t: Translate) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const { proposal, challenge, organization } = target;
  const recipients = await teamContacts(deps.db, proposal);
  for (const recipient of recipients) {
    const to = recipient.contactEmail ?? recipient.email;
    if (!to) continue;
    const lang = isLanguage(recipient.locale) ? recipient.locale : 'es';
    const t = deps.translator.t(lang);
    const message = renderEmail(template, {
      t,
      lang,
      proposal: proposal.title,
      challenge: challenge.title,
      organization: organization.name,
      link: `${deps.config.baseUrl}/propuestas/${proposal.id}`,
      ...context(t),
    });
    try {
      await deps.mailer.send({ to, ...message });
    } catch (error) {
      deps.logger.error({ err: error, template }, 'a proposal team email could not be sent');
    }
  }
}

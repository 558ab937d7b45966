import { and, eq, isNull } from 'drizzle-orm';
import {
  memberships,
  users,
  type Challenge,
  type Organization,
  type Sponsorship,
} from '../../models/schema/index.ts';
import type { FeatureDeps } from '../feature-deps.ts';
import { isLanguage } from '../i18n/index.ts';
import { renderEmail } from '../mail/templates.ts';
import { formatCentavos } from './money.ts';

/**
 * Tells the members of the challenge's organization about a new pledge, each in their language.
 * Called after the pledge is committed; a failed send is logged and loses nothing else.
 */
export async function notifyNewPledge(
  deps: Pick<FeatureDeps, 'db' | 'mailer' | 'translator' | 'config' | 'logger'>,
  challenge: Challenge,
  office: Pick<Organization, 'name'>,
  sponsorship: Sponsorship,
): Promise<void> {
  const recipients = await deps.db
    .select({ email: users.email, contactEmail: users.contactEmail, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, challenge.organizationId), isNull(users.deletedAt)));
  for (const recipient of recipients) {
    const to = recipient.contactEmail ?? recipient.email;
    if (!to) continue;
    const lang = isLanguage(recipient.locale) ? recipient.locale : 'es';
    const t = deps.translator.t(lang);
    const message = renderEmail('new-pledge', {
      t,
      lang,
      office: office.name,
      challenge: challenge.title,
      kind: t(`sponsorships.kind.${sponsorship.kind}`),
      amount:
        sponsorship.amountCentavos === null
          ? null
          : formatCentavos(sponsorship.amountCentavos, lang),
      description: sponsorship.description,
      link: `${deps.config.baseUrl}/patrocinios/${sponsorship.id}`,
    });
    try {
      await deps.mailer.send({ to, ...message });
    } catch (error) {
      deps.logger.error({ err: error }, 'the new-pledge email could not be sent');
    }
  }
}

import type { User } from '../../models/schema/index.ts';
import type { FeatureDeps } from '../feature-deps.ts';
import { isLanguage } from '../i18n/index.ts';
import { renderEmail } from '../mail/templates.ts';

export type NotifyDeps = Pick<FeatureDeps, 'mailer' | 'translator' | 'config' | 'logger'>;

type Recipient = Pick<User, 'email' | 'contactEmail' | 'locale' | 'deletedAt'>;

interface ClaimedChallenge {
  title: string;
  slug: string;
}

/**
 * Writes to the volunteer in their language. Called after the change is committed; a failed
 * send is logged and undoes nothing. Returns whether a message went out.
 */
async function tellVolunteer(
  deps: NotifyDeps,
  volunteer: Recipient,
  template: string,
  context: Record<string, unknown>,
): Promise<boolean> {
  const to = volunteer.deletedAt ? null : (volunteer.contactEmail ?? volunteer.email);
  if (!to) return false;
  const lang = isLanguage(volunteer.locale) ? volunteer.locale : 'es';
  const message = renderEmail(template, { t: deps.translator.t(lang), lang, ...context });
  try {
    await deps.mailer.send({ to, ...message });
    return true;
  } catch (error) {
    deps.logger.error({ err: error, template }, 'a claim email could not be sent');
    return false;
  }
}

/** The claim lapsed after the configured days without a progress update. */
export function notifyClaimExpired(
  deps: NotifyDeps,
  volunteer: Recipient,
  challenge: ClaimedChallenge,
): Promise<boolean> {
  return tellVolunteer(deps, volunteer, 'claim-expired', {
    challenge: challenge.title,
    days: deps.config.claimExpiryDays,
    link: `${deps.config.baseUrl}/retos/${challenge.slug}`,
  });
}

/** The challenge's organization released the claim, and says why. */
export function notifyClaimReleased(
  deps: NotifyDeps,
  volunteer: Recipient,
  challenge: ClaimedChallenge,
  organizationName: string,
  reason: string,
): Promise<boolean> {
  return tellVolunteer(deps, volunteer, 'claim-released', {
    challenge: challenge.title,
    organization: organizationName,
    reason,
    link: `${deps.config.baseUrl}/retos/${challenge.slug}`,
  });
}

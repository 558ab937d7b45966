import type { Request } from 'express';
import { Strategy } from 'passport-strategy';
import type { User } from '../../models/schema/index.ts';

export type VerifyEmailLink = (
  token: string,
  req: Request,
) => Promise<{ user: User; returnTo: string | null } | undefined>;

/** Passport strategy for the one-time links sent by email; the token comes in a POST body. */
export class EmailLinkStrategy extends Strategy {
  name = 'email-link';

  constructor(private readonly verify: VerifyEmailLink) {
    super();
  }

  override authenticate(req: Request): void {
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    if (!token) {
      this.fail({ message: 'missing' }, 400);
      return;
    }
    this.verify(token, req)
      .then((result) =>
        result
          ? this.success(result.user, { returnTo: result.returnTo })
          : this.fail({ message: 'unusable' }, 410),
      )
      .catch((error: unknown) => this.error(error as Error));
  }
}

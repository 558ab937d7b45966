import passport from 'passport';
import { Strategy as GithubStrategy, type Profile, type StrategyOptions } from 'passport-github2';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { EmailLinkStrategy } from './email-link-strategy.ts';
import type { GithubSettings } from '../github/index.ts';
import { consumeLoginToken } from './login-tokens.ts';
import { findActiveUser, signInWithEmail, signInWithGithub } from './sign-in-service.ts';

type GithubEmail = { value: string; primary?: boolean; verified?: boolean };

function verifiedPrimaryEmail(profile: Profile): string | null {
  const emails = (profile.emails ?? []) as GithubEmail[];
  return emails.find((email) => email.primary && email.verified)?.value ?? null;
}

/** One Passport per app, so apps built in the same process (tests) share nothing. */
export function createPassport(db: Db, config: Config, github: GithubSettings) {
  const instance = new passport.Passport();

  instance.serializeUser((user, done) => done(null, (user as { id: string }).id));
  instance.deserializeUser((id: string, done) => {
    // A deleted or unknown account simply ends the session.
    findActiveUser(db, id)
      .then((user) => done(null, user ?? false))
      .catch((error) => done(error));
  });

  instance.use(
    new GithubStrategy(
      {
        clientID: github.clientId,
        clientSecret: github.clientSecret,
        callbackURL: `${config.baseUrl}/auth/github/callback`,
        authorizationURL: github.authorizationUrl,
        tokenURL: github.tokenUrl,
        userProfileURL: github.userProfileUrl,
        userEmailURL: github.userEmailUrl,
        scope: ['user:email'],
        allRawEmails: true,
        // OAuth state in the session: a callback the visitor did not start is refused.
        state: true as unknown as string,
      } as unknown as StrategyOptions,
      (
        _accessToken: string,
        _refreshToken: string,
        profile: Profile,
        done: (error: unknown, user?: unknown) => void,
      ) => {
        signInWithGithub(db, {
          id: Number(profile.id),
          login: profile.username ?? '',
          name: profile.displayName || null,
          avatarUrl: profile.photos?.[0]?.value ?? null,
          profileUrl: profile.profileUrl || null,
          verifiedEmail: verifiedPrimaryEmail(profile),
        })
          .then((user) => done(null, user))
          .catch((error) => done(error));
      },
    ),
  );

  instance.use(
    new EmailLinkStrategy(async (token, req) => {
      const link = await consumeLoginToken(db, token);
      if (!link) return undefined;
      const user = await signInWithEmail(db, link.email, req.language);
      return { user, returnTo: link.returnTo };
    }),
  );

  return instance;
}

export type AppPassport = ReturnType<typeof createPassport>;

import type { RequestHandler } from 'express';
import { displayName, isAdmin, isModerator } from '../people/index.ts';
import type { Config } from '../config.ts';

/** What every page needs to know about the visitor: who they are and where they are. */
export function currentUserLocals(
  config: Pick<Config, 'adminEmails' | 'adminGithubLogins'>,
): RequestHandler {
  return (req, res, next) => {
    res.locals.signInUrl = `/entrar?volver=${encodeURIComponent(req.originalUrl)}`;
    const user = req.user;
    if (user) {
      res.locals.currentUser = {
        id: user.id,
        name: displayName(user, req.t),
        githubLogin: user.githubLogin,
        avatarUrl: user.avatarUrl,
        isAdmin: isAdmin(user, config),
        isModerator: isModerator(user, config),
      };
    }
    next();
  };
}

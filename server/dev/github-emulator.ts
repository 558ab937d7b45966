import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';

// A GitHub-compatible OAuth server and the few REST endpoints Retos uses (sign-in and the
// repository check). It backs the demo GitHub of development and the fake GitHub of the tests;
// it never runs in production.

export interface EmulatedEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

export interface EmulatedAccount {
  id: number;
  login: string;
  name: string | null;
  avatarUrl?: string;
  emails: EmulatedEmail[];
}

/** A repository as GET /repos/:owner/:repo describes it; `license: null` means no licence file. */
export interface EmulatedRepository {
  owner: string;
  name: string;
  private: boolean;
  /** GitHub's detected licence; spdx_id is "NOASSERTION" for a licence it cannot identify. */
  license: { spdx_id: string; name: string } | null;
}

export interface GithubEmulatorOptions {
  clientId: string;
  clientSecret: string;
  accounts: () => EmulatedAccount[];
  /** Read on every request, so changing the array in place changes the answers. */
  repositories?: EmulatedRepository[];
}

export interface AuthorizeRequest {
  redirectUri: string;
  state: string | undefined;
  scope: string;
}

const single = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A stable number from a string, for ids that look like GitHub's. */
function hashCode(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(31, hash) + char.charCodeAt(0)) | 0;
  return hash;
}

export function createGithubEmulator(options: GithubEmulatorOptions) {
  const codes = new Map<string, { accountId: number; redirectUri: string }>();
  const tokens = new Map<string, number>();
  const account = (id: number) => options.accounts().find((candidate) => candidate.id === id);

  /** Validates an authorize request; undefined when the client or redirect is unacceptable. */
  function authorizeRequest(req: Request): AuthorizeRequest | undefined {
    const redirectUri = single(req.query.redirect_uri);
    if (single(req.query.client_id) !== options.clientId || !redirectUri) return undefined;
    if (!/^https?:\/\//.test(redirectUri)) return undefined;
    return { redirectUri, state: single(req.query.state), scope: single(req.query.scope) ?? '' };
  }

  /** Where the browser goes once the person approves: back to the app with a one-time code. */
  function approvalRedirect(request: AuthorizeRequest, accountId: number): string {
    const code = randomBytes(16).toString('hex');
    codes.set(code, { accountId, redirectUri: request.redirectUri });
    const url = new URL(request.redirectUri);
    url.searchParams.set('code', code);
    if (request.state !== undefined) url.searchParams.set('state', request.state);
    return url.toString();
  }

  function bearer(req: Request): EmulatedAccount | undefined {
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const accountId = match ? tokens.get(match[1]!) : undefined;
    return accountId === undefined ? undefined : account(accountId);
  }

  const unauthorized = (res: Response) =>
    res.status(401).json({ message: 'Requires authentication' });

  /** Server-to-server endpoints: token exchange and the REST API. */
  const api = Router();
  api.use(express.urlencoded({ extended: false }), express.json());
  api.post('/login/oauth/access_token', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.client_id !== options.clientId || body.client_secret !== options.clientSecret) {
      res.json({ error: 'incorrect_client_credentials' });
      return;
    }
    const code = single(body.code);
    const grant = code ? codes.get(code) : undefined;
    if (code) codes.delete(code);
    if (!grant || (body.redirect_uri && body.redirect_uri !== grant.redirectUri)) {
      res.json({ error: 'bad_verification_code' });
      return;
    }
    const token = `gho_${randomBytes(18).toString('hex')}`;
    tokens.set(token, grant.accountId);
    res.json({ access_token: token, token_type: 'bearer', scope: 'user:email' });
  });
  api.get('/api/user', (req, res) => {
    const user = bearer(req);
    if (!user) return unauthorized(res);
    const origin = `${req.protocol}://${req.get('host')}`;
    res.json({
      id: user.id,
      node_id: `U_${user.id}`,
      login: user.login,
      name: user.name,
      avatar_url: user.avatarUrl ?? null,
      html_url: `${origin}/${user.login}`,
      email: null,
    });
  });
  api.get('/api/user/emails', (req, res) => {
    const user = bearer(req);
    if (!user) return unauthorized(res);
    res.json(
      user.emails.map((email) => ({ ...email, visibility: email.primary ? 'private' : null })),
    );
  });

  // Like GitHub: matched case-insensitively, and a private repository is a 404 to anyone but
  // its owner (anonymous callers included).
  api.get('/api/repos/:owner/:repo', (req, res) => {
    const owner = String(req.params.owner).toLowerCase();
    const name = String(req.params.repo).toLowerCase();
    const repository = (options.repositories ?? []).find(
      (candidate) =>
        candidate.owner.toLowerCase() === owner && candidate.name.toLowerCase() === name,
    );
    const viewer = bearer(req);
    if (
      !repository ||
      (repository.private && viewer?.login.toLowerCase() !== repository.owner.toLowerCase())
    ) {
      res.status(404).json({
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
        status: '404',
      });
      return;
    }
    const origin = `${req.protocol}://${req.get('host')}`;
    const fullName = `${repository.owner}/${repository.name}`;
    const license = repository.license;
    res.json({
      id: Math.abs(hashCode(fullName)),
      node_id: `R_${Buffer.from(fullName).toString('base64url')}`,
      name: repository.name,
      full_name: fullName,
      private: repository.private,
      visibility: repository.private ? 'private' : 'public',
      owner: { login: repository.owner, type: 'User', html_url: `${origin}/${repository.owner}` },
      html_url: `${origin}/${fullName}`,
      description: null,
      fork: false,
      archived: false,
      default_branch: 'main',
      license: license
        ? {
            key: license.spdx_id === 'NOASSERTION' ? 'other' : license.spdx_id.toLowerCase(),
            name: license.name,
            spdx_id: license.spdx_id,
            url: null,
            node_id: `L_${license.spdx_id}`,
          }
        : null,
    });
  });

  return { api, authorizeRequest, approvalRedirect, account };
}

export type GithubEmulator = ReturnType<typeof createGithubEmulator>;

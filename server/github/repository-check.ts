import type { RepositoryCheckStatus } from '../../models/schema/index.ts';
import { githubSettings } from './settings.ts';
import type { Config } from '../config.ts';
import { isOsiApproved } from './osi-licences.ts';

/** What is wrong with a repository, stored in proposals.repository_problem and explained on the page. */
export const repositoryProblems = [
  'notFound',
  'private',
  'noLicense',
  'licenseUnrecognized',
  'licenseNotOsi',
  'unreachable',
  'rateLimited',
] as const;
export type RepositoryProblem = (typeof repositoryProblems)[number];

export function isRepositoryProblem(value: unknown): value is RepositoryProblem {
  return typeof value === 'string' && (repositoryProblems as readonly string[]).includes(value);
}

export interface RepositoryCheckResult {
  status: Exclude<RepositoryCheckStatus, 'unchecked'>;
  /** The SPDX identifier GitHub reports, when there is one. */
  license: string | null;
  problem: RepositoryProblem | null;
  checkedAt: Date;
}

export interface RepositoryName {
  owner: string;
  name: string;
}

// GitHub's rules: logins are alphanumeric with single inner hyphens (39 at most); repository
// names are letters, digits, '.', '-' and '_' (100 at most).
const REPOSITORY_URL =
  /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/;

/** owner/name of a GitHub repository address such as https://github.com/owner/name(.git). */
export function parseRepositoryUrl(url: string): RepositoryName | undefined {
  const match = REPOSITORY_URL.exec(url.trim());
  if (!match) return undefined;
  const name = match[2]!;
  if (name === '.' || name === '..') return undefined;
  return { owner: match[1]!, name };
}

/** The canonical address that is stored and linked: https://github.com/owner/name. */
export function canonicalRepositoryUrl(url: string): string | undefined {
  const parsed = parseRepositoryUrl(url);
  return parsed ? `https://github.com/${parsed.owner}/${parsed.name}` : undefined;
}

/** The REST API the check asks: the configured one, or the demo GitHub outside production. */
export function repositoryApiUrl(config: Config): string {
  return githubSettings(config).apiUrl;
}

export const REPOSITORY_CHECK_TIMEOUT_MS = 5000;

interface GithubRepository {
  private?: unknown;
  license?: { spdx_id?: unknown } | null;
}

/**
 * Asks GitHub whether the repository exists, is public and carries an OSI-approved licence.
 * Never throws: a network failure, a timeout, a 5xx or a rate limit is 'unreachable', which
 * means "not yet verified", not "failed". Call it outside any database transaction.
 */
export async function checkRepository(
  apiUrl: string,
  repositoryUrl: string,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<RepositoryCheckResult> {
  const now = options.now ?? (() => new Date());
  const result = (
    status: RepositoryCheckResult['status'],
    problem: RepositoryProblem | null,
    license: string | null = null,
  ): RepositoryCheckResult => ({ status, problem, license, checkedAt: now() });

  const repository = parseRepositoryUrl(repositoryUrl);
  if (!repository) return result('failed', 'notFound');
  const url = `${apiUrl}/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.name)}`;

  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'Retos',
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? REPOSITORY_CHECK_TIMEOUT_MS),
    });
  } catch {
    return result('unreachable', 'unreachable');
  }

  // GitHub answers 404 both for a repository that does not exist and for a private one.
  if (response.status === 404) {
    await response.body?.cancel();
    return result('failed', 'notFound');
  }
  // Unauthenticated callers get 60 requests an hour; a limit is GitHub's answer, not the repo's.
  if (response.status === 403 || response.status === 429) {
    await response.body?.cancel();
    return result('unreachable', 'rateLimited');
  }
  if (!response.ok) {
    await response.body?.cancel();
    return result('unreachable', 'unreachable');
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return result('unreachable', 'unreachable');
  }
  return repositoryVerdict(body, now());
}

/**
 * What a repository GitHub described (GET /repos/:owner/:repo) is worth: public and under an
 * OSI-approved licence, or why not. The same verdict whoever described it.
 */
export function repositoryVerdict(description: unknown, checkedAt: Date): RepositoryCheckResult {
  const result = (
    status: RepositoryCheckResult['status'],
    problem: RepositoryProblem | null,
    license: string | null = null,
  ): RepositoryCheckResult => ({ status, problem, license, checkedAt });
  if (typeof description !== 'object' || description === null) {
    return result('unreachable', 'unreachable');
  }
  const body = description as GithubRepository;
  if (body.private === true) return result('failed', 'private');
  if (!body.license) return result('failed', 'noLicense');
  const spdxId = typeof body.license.spdx_id === 'string' ? body.license.spdx_id.trim() : '';
  // GitHub reports NOASSERTION when it finds a licence file it cannot identify.
  if (!spdxId || spdxId === 'NOASSERTION') return result('failed', 'licenseUnrecognized');
  if (!isOsiApproved(spdxId)) return result('failed', 'licenseNotOsi', spdxId);
  return result('verified', null, spdxId);
}

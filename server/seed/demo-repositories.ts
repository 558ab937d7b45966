import {
  parseRepositoryUrl,
  repositoryVerdict,
  type RepositoryCheckResult,
} from '../github/index.ts';

/** A repository as the demo GitHub describes it; `license: null` means no licence file. */
export interface DemoRepository {
  owner: string;
  name: string;
  private: boolean;
  license: { spdx_id: string; name: string } | null;
}

// The demo volunteers' repositories: the demo GitHub serves them, and the seed's proposals point
// at them. Four pass the open-source check; one has no licence and one a licence that is not
// OSI-approved, so a newcomer can watch the check refuse them.
export const demoRepositories: DemoRepository[] = [
  {
    owner: 'itzel-ramirez',
    name: 'gtfs-merida',
    private: false,
    license: { spdx_id: 'MIT', name: 'MIT License' },
  },
  {
    owner: 'itzel-ramirez',
    name: 'biblioteca-tsotsil',
    private: false,
    license: { spdx_id: 'AGPL-3.0', name: 'GNU Affero General Public License v3.0' },
  },
  {
    owner: 'emitorres',
    name: 'alertas-tandeo',
    private: false,
    license: { spdx_id: 'MIT', name: 'MIT License' },
  },
  {
    owner: 'valenajera',
    name: 'descargas-pwa',
    private: false,
    license: { spdx_id: 'Apache-2.0', name: 'Apache License 2.0' },
  },
  { owner: 'emitorres', name: 'mapa-descargas', private: false, license: null },
  {
    owner: 'nueva-voluntaria',
    name: 'mi-solucion',
    private: false,
    license: {
      spdx_id: 'CC-BY-NC-4.0',
      name: 'Creative Commons Attribution Non Commercial 4.0 International',
    },
  },
];

/**
 * What the demo GitHub would answer for a repository, judged as a real answer is. The seed runs
 * before the app (and so the demo GitHub) listens, and never needs the network.
 */
export async function checkDemoRepository(
  repositoryUrl: string,
  now: Date,
): Promise<RepositoryCheckResult> {
  const wanted = parseRepositoryUrl(repositoryUrl);
  const repository = demoRepositories.find(
    (candidate) =>
      wanted !== undefined &&
      candidate.owner.toLowerCase() === wanted.owner.toLowerCase() &&
      candidate.name.toLowerCase() === wanted.name.toLowerCase(),
  );
  // GitHub answers a private repository as it does a missing one: not found.
  if (!repository || repository.private) {
    return { status: 'failed', problem: 'notFound', license: null, checkedAt: now };
  }
  return repositoryVerdict(repository, now);
}

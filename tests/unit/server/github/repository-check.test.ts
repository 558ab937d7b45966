import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseConfig } from '../../../../server/config.ts';
import { createTranslator } from '../../../../server/i18n/index.ts';
import { isOsiApproved } from '../../../../server/github/osi-licences.ts';
import {
  canonicalRepositoryUrl,
  checkRepository,
  parseRepositoryUrl,
  repositoryApiUrl,
} from '../../../../server/github/repository-check.ts';
import { describeRepositoryCheck } from '../../../../server/proposals/page-view.ts';
import {
  startFakeGithub,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
} from '../../../support/fake-github.ts';

/** A local server answering every request with `handler`, for GitHub's odd days. */
async function oddGithub(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('repository addresses', () => {
  it('reads owner and name from GitHub addresses, and nothing else', () => {
    assert.deepEqual(parseRepositoryUrl('https://github.com/equipo/mapa'), {
      owner: 'equipo',
      name: 'mapa',
    });
    assert.deepEqual(parseRepositoryUrl(' https://www.github.com/Equipo/mapa.js.git/ '), {
      owner: 'Equipo',
      name: 'mapa.js',
    });
    assert.equal(
      canonicalRepositoryUrl('http://github.com/a-b/c_d.git'),
      'https://github.com/a-b/c_d',
    );
    for (const bad of [
      'https://gitlab.com/equipo/mapa',
      'https://github.com/equipo',
      'https://github.com/equipo/mapa/tree/main',
      'https://github.com/-equipo/mapa',
      'https://github.com/equipo/..',
      'github.com/equipo/mapa',
      'https://github.com.evil.example/equipo/mapa',
      'javascript:alert(1)',
    ]) {
      assert.equal(parseRepositoryUrl(bad), undefined, bad);
    }
  });

  it('asks the configured API, or the demo GitHub when no GitHub app is configured', () => {
    const real = parseConfig({
      NODE_ENV: 'test',
      GITHUB_CLIENT_ID: 'id',
      GITHUB_CLIENT_SECRET: 'secret',
      GITHUB_API_URL: 'https://ghe.example.org/api/v3/',
    });
    assert.equal(repositoryApiUrl(real), 'https://ghe.example.org/api/v3');
    const demo = parseConfig({ NODE_ENV: 'development', BASE_URL: 'http://localhost:4000' });
    assert.equal(repositoryApiUrl(demo), 'http://localhost:4000/dev/github/api');
  });
});

describe('OSI-approved licences', () => {
  it('knows the common ones, GitHub legacy ids and SPDX case-insensitivity', () => {
    for (const id of [
      'MIT',
      'Apache-2.0',
      'GPL-2.0-only',
      'GPL-2.0-or-later',
      'GPL-3.0-only',
      'GPL-3.0-or-later',
      'AGPL-3.0-only',
      'AGPL-3.0-or-later',
      'LGPL-2.1-only',
      'LGPL-3.0-or-later',
      'MPL-2.0',
      'BSD-2-Clause',
      'BSD-3-Clause',
      'ISC',
      'EUPL-1.2',
      'GPL-3.0',
      'AGPL-3.0',
      'LGPL-3.0',
      'mit',
      'apache-2.0',
    ]) {
      assert.ok(isOsiApproved(id), id);
    }
    for (const id of [
      'CC-BY-NC-4.0',
      'SSPL-1.0',
      'BUSL-1.1',
      'CC-BY-4.0',
      'WTFPL',
      'NOASSERTION',
      '',
    ]) {
      assert.ok(!isOsiApproved(id), id);
    }
  });
});

describe('checkRepository', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  let api: string;
  before(async () => {
    github = await startFakeGithub();
    api = `${github.url}/api`;
    github.repositories.push(
      {
        owner: 'equipo',
        name: 'abierto',
        private: false,
        license: { spdx_id: 'Apache-2.0', name: 'Apache License 2.0' },
      },
      { owner: 'equipo', name: 'sin-licencia', private: false, license: null },
      {
        owner: 'equipo',
        name: 'sspl',
        private: false,
        license: { spdx_id: 'SSPL-1.0', name: 'Server Side Public License' },
      },
      {
        owner: 'equipo',
        name: 'otra',
        private: false,
        license: { spdx_id: 'NOASSERTION', name: 'Other' },
      },
      {
        owner: 'octo',
        name: 'secreto',
        private: true,
        license: { spdx_id: 'MIT', name: 'MIT License' },
      },
    );
  });
  after(() => github.close());

  const at = new Date('2025-05-01T12:00:00Z');
  const check = (url: string, apiUrl = api, timeoutMs?: number) =>
    checkRepository(apiUrl, url, { now: () => at, timeoutMs });

  it('verifies a public repository under an OSI licence, keeping its SPDX id and the time', async () => {
    assert.deepEqual(await check('https://github.com/Equipo/Abierto'), {
      status: 'verified',
      license: 'Apache-2.0',
      problem: null,
      checkedAt: at,
    });
  });

  it('fails with a precise problem for no licence, a non-OSI licence and an unidentified one', async () => {
    assert.deepEqual(await check('https://github.com/equipo/sin-licencia'), {
      status: 'failed',
      license: null,
      problem: 'noLicense',
      checkedAt: at,
    });
    const sspl = await check('https://github.com/equipo/sspl');
    assert.equal(sspl.status, 'failed');
    assert.equal(sspl.problem, 'licenseNotOsi');
    assert.equal(sspl.license, 'SSPL-1.0', 'the licence is named');
    const other = await check('https://github.com/equipo/otra');
    assert.equal(other.problem, 'licenseUnrecognized');
  });

  it('fails a missing or private repository as not found, as GitHub hides private ones', async () => {
    assert.equal((await check('https://github.com/equipo/nada')).problem, 'notFound');
    const hidden = await check('https://github.com/octo/secreto');
    assert.equal(hidden.status, 'failed');
    assert.equal(hidden.problem, 'notFound');
  });

  it('fails a repository GitHub shows as private (to a caller who may see it)', async () => {
    const odd = await oddGithub((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ private: true, license: { spdx_id: 'MIT' } }));
    });
    try {
      const result = await check('https://github.com/octo/secreto', odd.url);
      assert.equal(result.status, 'failed');
      assert.equal(result.problem, 'private');
    } finally {
      await odd.close();
    }
  });

  it('is unreachable, never failed, when GitHub is down, refuses, limits, times out or talks nonsense', async () => {
    github.state.apiDown = true;
    try {
      const down = await check('https://github.com/equipo/abierto');
      assert.deepEqual(down, {
        status: 'unreachable',
        license: null,
        problem: 'unreachable',
        checkedAt: at,
      });
    } finally {
      github.state.apiDown = false;
    }

    const closed = await oddGithub(() => {});
    const closedUrl = closed.url;
    await closed.close();
    assert.equal((await check('https://github.com/a/b', closedUrl)).status, 'unreachable');

    const limited = await oddGithub((_req, res) => {
      res.statusCode = 403;
      res.end('{"message":"API rate limit exceeded"}');
    });
    const hanging = await oddGithub(() => {
      // Never answers.
    });
    const nonsense = await oddGithub((_req, res) => res.end('<html>oops</html>'));
    try {
      const rate = await check('https://github.com/a/b', limited.url);
      assert.equal(rate.status, 'unreachable');
      assert.equal(rate.problem, 'rateLimited');
      const started = Date.now();
      const slow = await check('https://github.com/a/b', hanging.url, 200);
      assert.equal(slow.status, 'unreachable');
      assert.ok(Date.now() - started < 2000, 'a short timeout');
      assert.equal((await check('https://github.com/a/b', nonsense.url)).status, 'unreachable');
    } finally {
      await Promise.all([limited.close(), hanging.close(), nonsense.close()]);
    }
  });
});

describe('the emulated GitHub repository endpoint', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  before(async () => {
    github = await startFakeGithub();
    github.accounts.push({ id: 5, login: 'octo', name: 'Octo', emails: [] });
    github.repositories.push({ owner: 'octo', name: 'secreto', private: true, license: null });
    github.state.approveAs = 5;
  });
  after(() => github.close());

  it('shows a private repository to its owner only', async () => {
    const authorize = await fetch(
      `${github.url}/login/oauth/authorize?client_id=${FAKE_CLIENT_ID}&redirect_uri=http://127.0.0.1:1/cb`,
      { redirect: 'manual' },
    );
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    const token = (await (
      await fetch(`${github.url}/login/oauth/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          client_id: FAKE_CLIENT_ID,
          client_secret: FAKE_CLIENT_SECRET,
          code,
        }),
      })
    ).json()) as { access_token: string };
    const owner = await fetch(`${github.url}/api/repos/octo/secreto`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    assert.equal(owner.status, 200);
    const body = (await owner.json()) as { private: boolean; full_name: string; license: null };
    assert.equal(body.private, true);
    assert.equal(body.full_name, 'octo/secreto');
    assert.equal(body.license, null);
    assert.equal((await fetch(`${github.url}/api/repos/octo/secreto`)).status, 404);
  });

  it('answers 503 for every API call while GitHub is down', async () => {
    github.state.apiDown = true;
    try {
      assert.equal((await fetch(`${github.url}/api/repos/octo/secreto`)).status, 503);
      assert.equal((await fetch(`${github.url}/api/user`)).status, 503);
    } finally {
      github.state.apiDown = false;
    }
  });
});

describe('describeRepositoryCheck', () => {
  const t = createTranslator().t('es');
  const base = {
    repositoryUrl: 'https://github.com/equipo/mapa',
    repositoryCheckedAt: new Date(),
    repositoryLicense: null,
    repositoryProblem: null,
  };

  it('says what is wrong and how to fix it, naming the repository and the licence', () => {
    const failed = describeRepositoryCheck(
      {
        ...base,
        repositoryCheck: 'failed',
        repositoryLicense: 'SSPL-1.0',
        repositoryProblem: 'licenseNotOsi',
      },
      t,
    );
    assert.equal(failed.failed, true);
    assert.match(
      failed.what!,
      /La licencia SSPL-1\.0 del repositorio equipo\/mapa no está aprobada/,
    );
    assert.match(failed.fix!, /opensource\.org\/licenses/);
    const verified = describeRepositoryCheck(
      { ...base, repositoryCheck: 'verified', repositoryLicense: 'MIT' },
      t,
    );
    assert.equal(verified.what, undefined);
    assert.match(verified.summary!, /licencia MIT está aprobada/);
    const pending = describeRepositoryCheck(
      { ...base, repositoryCheck: 'unreachable', repositoryProblem: 'unreachable' },
      t,
    );
    assert.equal(pending.label, 'sin verificar todavía');
    assert.match(pending.what!, /La propuesta no se perdió/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDemoRepository } from '../../../../server/seed/demo-repositories.ts';

describe('the demo repositories as the seed checks them', () => {
  const now = new Date('2026-11-20T12:00:00Z');

  it('verifies a public repository under an OSI-approved licence, case-insensitively', async () => {
    assert.deepEqual(
      await checkDemoRepository('https://github.com/Itzel-Ramirez/GTFS-Merida.git', now),
      { status: 'verified', license: 'MIT', problem: null, checkedAt: now },
    );
  });

  it('refuses what the demo GitHub would refuse', async () => {
    const verdict = async (url: string) => {
      const { status, problem } = await checkDemoRepository(url, now);
      return [status, problem];
    };
    assert.deepEqual(await verdict('https://github.com/emitorres/mapa-descargas'), [
      'failed',
      'noLicense',
    ]);
    assert.deepEqual(await verdict('https://github.com/nueva-voluntaria/mi-solucion'), [
      'failed',
      'licenseNotOsi',
    ]);
    assert.deepEqual(await verdict('https://github.com/emitorres/no-existe'), [
      'failed',
      'notFound',
    ]);
    assert.deepEqual(await verdict('https://gitlab.com/emitorres/alertas-tandeo'), [
      'failed',
      'notFound',
    ]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listen } from '../../../server/http-server.ts';

describe('listen(...).close()', () => {
  it('lets a request in flight finish, then refuses new connections', async () => {
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => (started = resolve));
    const running = await listen(
      (_req, res) => {
        started();
        setTimeout(() => res.end('terminado'), 300);
      },
      0,
      '127.0.0.1',
    );
    const url = `http://127.0.0.1:${running.port}/`;
    const inFlight = fetch(url).then((response) => response.text());
    await requestStarted;

    const closed = running.close();
    assert.equal(await inFlight, 'terminado');
    await closed;
    await assert.rejects(fetch(url));
  });

  it('cuts connections that outlive the grace period', async () => {
    const running = await listen(() => {}, 0, '127.0.0.1');
    const hanging = fetch(`http://127.0.0.1:${running.port}/`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = Date.now();
    await running.close(200);
    assert.ok(Date.now() - startedAt < 5_000);
    await assert.rejects(hanging);
  });
});

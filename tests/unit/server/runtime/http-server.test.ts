import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listen } from '../../../../server/runtime/http-server.ts';

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

describe('closing while a client has hung up', () => {
  it('still waits for the handler to finish its work', async () => {
    const events: string[] = [];
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => (started = resolve));
    const running = await listen(
      (_req, res) => {
        started();
        setTimeout(() => {
          events.push('handler done');
          res.end('tarde');
        }, 300);
      },
      0,
      '127.0.0.1',
    );
    const controller = new AbortController();
    const request = fetch(`http://127.0.0.1:${running.port}/`, { signal: controller.signal }).catch(
      () => 'aborted',
    );
    await requestStarted;
    controller.abort();
    assert.equal(await request, 'aborted');
    await running.close(5_000);
    events.push('closed');
    assert.deepEqual(events, ['handler done', 'closed']);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface RunningServer {
  server: http.Server;
  port: number;
  /**
   * Stops accepting, lets requests in flight finish (up to the grace period), then resolves.
   * A request whose client hung up still counts until its handler is done, so the database is
   * never closed under it.
   */
  close(graceMs?: number): Promise<void>;
}

export function listen(
  handler: RequestListener,
  port: number,
  host?: string,
): Promise<RunningServer> {
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      if (inFlight === 0) drained?.();
    };
    res.once('finish', finish);
    // When the client has gone, 'finish' never fires: the handler is done when it calls end().
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      const result = end(...args);
      if (res.destroyed) finish();
      return result;
    }) as typeof res.end;
    handler(req, res);
  });
  // Slow phones on slow networks: do not cut a keep-alive connection too eagerly.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      let closing: Promise<void> | undefined;
      resolve({
        server,
        port: address.port,
        close: (graceMs = 10_000) => {
          closing ??= new Promise<void>((done) => {
            let socketsClosed = false;
            let settled = false;
            const settle = () => {
              if (settled || !socketsClosed || inFlight > 0) return;
              settled = true;
              clearTimeout(force);
              done();
            };
            const force = setTimeout(() => {
              server.closeAllConnections();
              inFlight = 0;
              socketsClosed = true;
              settle();
            }, graceMs);
            force.unref();
            drained = settle;
            server.close(() => {
              socketsClosed = true;
              settle();
            });
            // Idle keep-alive sockets would hold close() open; busy ones finish their request.
            server.closeIdleConnections();
          });
          return closing;
        },
      });
    });
  });
}

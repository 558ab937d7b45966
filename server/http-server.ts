import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface RunningServer {
  server: http.Server;
  port: number;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then resolves. */
  close(graceMs?: number): Promise<void>;
}

export function listen(
  handler: RequestListener,
  port: number,
  host?: string,
): Promise<RunningServer> {
  const server = http.createServer(handler);
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
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
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

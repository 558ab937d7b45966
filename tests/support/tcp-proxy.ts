import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** The database URL with its host and port replaced by the proxy's. */
  through(url: string): string;
  /** Like a database server stopping: live connections drop, new ones are refused. */
  cut(): Promise<void>;
  /** Accepts and forwards connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy between the app and PostgreSQL, so a test can take the database away and bring
 * it back without touching the server others are using.
 */
export async function startTcpProxy(
  target: { host: string; port: number },
  options: { cut?: boolean } = {},
): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  let listening = true;
  const cut = async () => {
    for (const socket of sockets) socket.destroy();
    if (!listening) return;
    listening = false;
    // Not listening at all, so a new connection is refused (ECONNREFUSED), as from a stopped server.
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  if (options.cut) await cut();
  return {
    port,
    through(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut,
    async restore() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    close: cut,
  };
}

/** Host and port of a database URL, to aim the proxy at. */
export function hostOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 5432) };
}

// The baseline for bench/http-load.ts: a bare Express 5 app, run as its own process.
// Usage: node --import tsx bench/hello-world.ts <port>
import express from 'express';

const port = Number.parseInt(process.argv[2] ?? '', 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write('usage: node --import tsx bench/hello-world.ts <port>\n');
  process.exit(2);
}

const app = express();
app.get('/', (_req, res) => {
  res.send('hello');
});

const server = app.listen(port, '127.0.0.1', (error?: Error) => {
  if (error) {
    process.stderr.write(`hello-world: ${error.message}\n`);
    process.exit(1);
  }
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

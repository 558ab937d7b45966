import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

// These tests start the real server process on an embedded database in a directory of their own.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-boot-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startServer() {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /"port":(\d+)[^\n]*Retos is listening/.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(Number(match[1]));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('server/index.ts', { timeout: 120_000 }, () => {
  it('boots on an empty embedded database, seeds it, refuses a second process, and stops cleanly', async () => {
    const first = startServer();
    const port = await first.listening;
    assert.match(first.output().stdout, /demo data seeded/);

    const home = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Retos abiertos/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const body = (await health.json()) as { database: { status: string } };
    assert.equal(body.database.status, 'ok');

    const second = startServer();
    second.listening.catch(() => {});
    assert.equal(await second.exited, 1);
    assert.match(
      second.output().stderr,
      new RegExp(`^retos: The database in .+ is already in use by process ${first.child.pid}\\.`),
    );
    assert.equal(second.output().stderr.trim().split('\n').length, 1);

    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
    assert.match(first.output().stdout, /finishing requests in flight/);
    assert.equal(fs.existsSync(path.join(dataDir, 'retos.lock')), false);

    // The data survived and is not seeded twice.
    const again = startServer();
    const againPort = await again.listening;
    assert.doesNotMatch(again.output().stdout, /demo data seeded/);
    assert.equal((await fetch(`http://127.0.0.1:${againPort}/healthz`)).status, 200);
    again.child.kill('SIGINT');
    assert.equal(await again.exited, 0);
  });
});

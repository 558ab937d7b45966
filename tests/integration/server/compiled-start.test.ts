import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

// `npm start` on a fresh clone builds the server and runs the compiled file with plain Node, not
// TypeScript through tsx. The clone borrows this checkout's node_modules: installing is npm's job.
const root = path.resolve(import.meta.dirname, '../../..');
const isCheckout = fs.existsSync(path.join(root, '.git'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-clone-'));
const clone = path.join(work, 'retos');
let stop = () => {};
after(() => {
  stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('npm start', { timeout: 180_000, skip: !isCheckout && 'not a git checkout' }, () => {
  it('builds a clean clone and serves /healthz from compiled JavaScript', async () => {
    execFileSync('git', ['clone', '--quiet', root, clone]);
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
    assert.equal(fs.existsSync(path.join(clone, 'dist')), false, 'a clone has no build yet');

    const child = spawn('npm', ['start'], {
      cwd: clone,
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'development',
        PORT: '0',
        DATA_DIR: path.join(work, 'data'),
        LOG_LEVEL: 'info',
      },
    });
    stop = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const listening = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
      const timer = setInterval(() => {
        const line = stdout.split('\n').find((text) => text.includes('Retos is listening'));
        if (line) {
          clearInterval(timer);
          const entry = JSON.parse(line) as { port: number; pid: number };
          resolve({ port: entry.port, pid: entry.pid });
        }
      }, 50);
      child.on('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`npm start exited with ${code}: ${stderr}`));
      });
    });

    assert.ok(fs.existsSync(path.join(clone, 'dist', 'server.js')), 'the build wrote dist/');
    const command = fs.readFileSync(`/proc/${listening.pid}/cmdline`, 'utf8').split('\0');
    assert.ok(command.includes('dist/server.js'), command.join(' '));
    assert.ok(!command.some((part) => part.includes('tsx')), command.join(' '));

    const health = await fetch(`http://127.0.0.1:${listening.port}/healthz`);
    assert.equal(health.status, 200);
    const body = (await health.json()) as { database: { status: string } };
    assert.equal(body.database.status, 'ok');
    const home = await fetch(`http://127.0.0.1:${listening.port}/`);
    assert.match(await home.text(), /Retos abiertos/, 'views and catalogues found from dist/');
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DataDirLockedError, lockDataDir } from '../../../../server/db/data-dir-lock.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-lock-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('refuses a second holder while the first is alive, and frees the directory on release', () => {
    const dir = path.join(tmp, 'one');
    const release = lockDataDir(dir);
    assert.throws(() => lockDataDir(dir), DataDirLockedError);
    release();
    assert.equal(fs.existsSync(path.join(dir, 'retos.lock')), false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that has died', async () => {
    const dir = path.join(tmp, 'stale');
    fs.mkdirSync(dir);
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    fs.writeFileSync(path.join(dir, 'retos.lock'), String(dead.pid));
    const release = lockDataDir(dir);
    assert.equal(fs.readFileSync(path.join(dir, 'retos.lock'), 'utf8'), String(process.pid));
    release();
  });

  it('names the process that holds the directory', () => {
    const dir = path.join(tmp, 'held');
    fs.mkdirSync(dir);
    // The parent of this test process is alive for as long as the test runs.
    fs.writeFileSync(path.join(dir, 'retos.lock'), String(process.ppid));
    assert.throws(
      () => lockDataDir(dir),
      (error: Error) =>
        error instanceof DataDirLockedError &&
        error.message.includes(`already in use by process ${process.ppid}`) &&
        error.message.includes('DATA_DIR'),
    );
  });
});

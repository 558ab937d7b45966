// The processes a benchmark runs next to itself: Retos and the Express hello-world on free ports,
// and the scripts that prepare them. Everything started here is stopped again, and every
// temporary directory removed, when the bench ends: normally, on an error, or on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** The repository root, where the children run. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The servers listen on this address only, and the load is sent to it. */
export const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5_000;
/** Lines of child output echoed to the terminal and kept in the JSON file; the rest are counted. */
const ECHO_LINES = 20;
const KEEP_LINES = 500;

// Settings the app reads (server/config.ts): none may leak in from the caller's shell.
const APP_SETTINGS = [
  'NODE_ENV',
  'PORT',
  'BASE_URL',
  'DATABASE_URL',
  'DATA_DIR',
  'SESSION_SECRET',
  'GITHUB_CLIENT_ID',
  'GITHUB_CLIENT_SECRET',
  'GITHUB_OAUTH_URL',
  'GITHUB_API_URL',
  'SMTP_URL',
  'MAIL_FROM',
  'ADMIN_EMAILS',
  'ADMIN_GITHUB_LOGINS',
  'LOG_LEVEL',
  'TRUST_PROXY',
];

/** The caller's environment without any of the app's settings. */
function scrubbedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of APP_SETTINGS) delete env[name];
  return env;
}

// ---------------------------------------------------------------------------------------------
// Child processes and cleanup

export interface Child {
  name: string;
  proc: ChildProcess;
  /** The first KEEP_LINES lines the child wrote to stdout or stderr. */
  output: string[];
  lineCount: number;
  exited: Promise<number | null>;
  exitCode: number | null | undefined;
}

const children: Child[] = [];
const tempDirs: string[] = [];
const cleanupSteps: (() => Promise<void>)[] = [];

/** A step for cleanup() to run once the children have stopped, e.g. dropping a database. */
export function onCleanup(step: () => Promise<void>): void {
  cleanupSteps.push(step);
}

function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { echo: boolean },
): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const child: Child = {
    name,
    proc,
    output,
    lineCount: 0,
    exitCode: undefined,
    exited: new Promise((resolve) => {
      proc.once('error', (error) => {
        output.push(`spawn failed: ${error.message}`);
        child.exitCode = null;
        resolve(null);
      });
      proc.once('exit', (code, signal) => {
        child.exitCode = code;
        if (signal) output.push(`(killed by ${signal})`);
        resolve(code);
      });
    }),
  };
  for (const stream of [proc.stdout, proc.stderr]) {
    let pending = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        child.lineCount += 1;
        if (child.lineCount <= KEEP_LINES) output.push(line);
        if (options.echo && child.lineCount <= ECHO_LINES) {
          process.stderr.write(`[${name}] ${line}\n`);
        } else if (options.echo && child.lineCount === ECHO_LINES + 1) {
          process.stderr.write(
            `[${name}] (more output: counted, first ${KEEP_LINES} lines kept)\n`,
          );
        }
      }
    });
    stream?.on('end', () => {
      if (pending.trim() === '') return;
      child.lineCount += 1;
      if (child.lineCount <= KEEP_LINES) output.push(pending);
    });
  }
  children.push(child);
  return child;
}

async function stopChild(child: Child): Promise<void> {
  if (child.exitCode !== undefined) return;
  child.proc.kill('SIGTERM');
  const stopped = await Promise.race([
    child.exited.then(() => true),
    sleep(STOP_TIMEOUT_MS, false),
  ]);
  if (!stopped) {
    child.proc.kill('SIGKILL');
    await child.exited;
  }
}

let cleaning: Promise<void> | undefined;
/** Stops every child and removes the temporary directories; later calls wait for the first. */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(children.map((child) => stopChild(child).catch(() => {})));
    for (const step of cleanupSteps.splice(0)) {
      await step().catch((error: unknown) =>
        process.stderr.write(`bench: a cleanup step failed: ${(error as Error).message}\n`),
      );
    }
    removeTempDirs();
  })();
  return cleaning;
}

// Last resort when the process leaves some other way: nothing may outlive the bench.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === undefined) child.proc.kill('SIGKILL');
  removeTempDirs();
});
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping child processes…\n`);
    void cleanup().finally(() => process.exit(code));
  });
}

/** Runs a script to its end; throws with its output unless it exits with code 0. */
export async function runToCompletion(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<Child> {
  const child = startChild(name, args, env, { echo: false });
  const code = await child.exited;
  if (code !== 0) {
    throw new Error(`${name} exited with code ${code}:\n${child.output.join('\n')}`);
  }
  return child;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(child: Child, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== undefined) {
      throw new Error(
        `${child.name} exited (code ${child.exitCode}) before answering ${url}:\n` +
          child.output.join('\n'),
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(
    `${child.name} did not answer ${url} within ${READY_TIMEOUT_MS} ms (${lastProblem})`,
  );
}

// ---------------------------------------------------------------------------------------------
// The servers

export interface Server {
  child: Child;
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
}

export interface Retos extends Server {
  /** The temporary DATA_DIR. */
  dataDir: string;
  /** The finished seed step, with its output. */
  seed: Child;
}

export interface RetosOptions {
  /** Added to (and overriding) the app's settings, e.g. DATABASE_URL. */
  env?: NodeJS.ProcessEnv;
  /** Fills the database before the server starts: seedDemoData unless given. */
  seed?: (env: NodeJS.ProcessEnv) => Promise<Child>;
}

/** `scripts/seed.ts`: migrates the database and adds the demo data. */
export function seedDemoData(env: NodeJS.ProcessEnv): Promise<Child> {
  return runToCompletion('seed', ['scripts/seed.ts'], env);
}

/**
 * Seeds a temporary DATA_DIR, then starts Retos in production mode (warnings only, dummy
 * secrets) on a free port and waits until `/healthz` answers.
 */
export async function startRetos(options: RetosOptions = {}): Promise<Retos> {
  const dataDir = makeTempDir('retos-bench-');
  const env: NodeJS.ProcessEnv = {
    ...scrubbedEnv(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef0123456789',
    GITHUB_CLIENT_ID: 'bench-github-client-id',
    GITHUB_CLIENT_SECRET: 'bench-github-client-secret',
    ...options.env,
  };

  process.stderr.write(`bench: seeding ${dataDir}…\n`);
  const seed = await (options.seed ?? seedDemoData)(env);
  process.stderr.write(`bench: ${seed.output.join(' ')}\n`);

  const port = await freePort();
  const serverEnv = { ...env, PORT: String(port) };
  const child = startChild('retos', ['server/index.ts'], serverEnv, { echo: true });
  const baseUrl = `http://${HOST}:${port}`;
  await waitUntilReady(child, `${baseUrl}/healthz`);
  return { child, baseUrl, dataDir, seed };
}

/** Stops one server before the bench ends, so the next one runs alone. */
export function stopServer(server: Server): Promise<void> {
  return stopChild(server.child);
}

/** Starts the bare Express app of bench/hello-world.ts on a free port and waits for `/`. */
export async function startHelloWorld(): Promise<Server> {
  const port = await freePort();
  const child = startChild(
    'hello-world',
    ['bench/hello-world.ts', String(port)],
    { ...scrubbedEnv(), NODE_ENV: 'production' },
    { echo: true },
  );
  const baseUrl = `http://${HOST}:${port}`;
  await waitUntilReady(child, `${baseUrl}/`);
  return { child, baseUrl };
}

// ---------------------------------------------------------------------------------------------
// Running a bench

/** A failed check, reported without a stack trace. */
export class BenchFailure extends Error {
  override name = 'BenchFailure';
}

/** Runs the bench's main, then cleans up; on an error, reports it and sets exit code 1. */
export async function runBench(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    await cleanup();
  } catch (error) {
    await cleanup();
    const message =
      error instanceof BenchFailure ? error.message : ((error as Error).stack ?? String(error));
    process.stderr.write(`\nbench FAILED: ${message}\n`);
    process.exitCode = 1;
  }
}

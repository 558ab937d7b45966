// `npm run bench`: HTTP load on the real app in production mode, next to a bare Express
// hello-world measured in the same run. See bench/README.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');
const HOST = '127.0.0.1';
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

// ---------------------------------------------------------------------------------------------
// Settings

const USAGE = `Usage: npm run bench -- [--duration S] [--warmup S] [--connections N]

  --duration S      seconds measured per target (env BENCH_DURATION, default 10)
  --warmup S        seconds of discarded load per target first (env BENCH_WARMUP, default 3)
  --connections N   concurrent connections (env BENCH_CONNECTIONS, default 10)
`;

interface Settings {
  duration: number;
  warmup: number;
  connections: number;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number, min: number) {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const env = process.env;
  const connections = positiveNumber(
    '--connections',
    values.connections ?? env.BENCH_CONNECTIONS,
    10,
    1,
  );
  if (!Number.isInteger(connections)) throw new Error('--connections must be a whole number');
  return {
    duration: positiveNumber('--duration', values.duration ?? env.BENCH_DURATION, 10, 1),
    warmup: positiveNumber('--warmup', values.warmup ?? env.BENCH_WARMUP, 3, 0),
    connections,
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes and cleanup

interface Child {
  name: string;
  proc: ChildProcess;
  /** The first KEEP_LINES lines the child wrote to stdout or stderr. */
  output: string[];
  lineCount: number;
  exited: Promise<number | null>;
  exitCode: number | null | undefined;
}

const children: Child[] = [];
let tempDir: string | undefined;

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
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(children.map((child) => stopChild(child).catch(() => {})));
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  })();
  return cleaning;
}

// Last resort when the process leaves some other way: nothing may outlive the bench.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === undefined) child.proc.kill('SIGKILL');
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
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

async function runToCompletion(
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
// Measuring

interface Target {
  name: string;
  url: string;
}

interface Probe {
  status: number;
  contentType: string | undefined;
  bodyBytes: number;
  setsCookie: boolean;
}

/** One plain request as autocannon sends it (no Accept-Encoding), to see what each run gets. */
function probe(url: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      let bodyBytes = 0;
      response.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'],
          bodyBytes,
          setsCookie: (response.headers['set-cookie'] ?? []).length > 0,
        }),
      );
      response.on('error', reject);
    });
    request.setTimeout(10_000, () => request.destroy(new Error(`timeout on ${url}`)));
    request.on('error', reject);
  });
}

interface Run {
  result: autocannon.Result;
  firstError: string | undefined;
}

function load(url: string, seconds: number, connections: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    let firstError: string | undefined;
    const instance = autocannon(
      { url, connections, duration: seconds, pipelining: 1, timeout: 10 },
      (error: unknown, result: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, firstError });
      },
    );
    instance.on('reqError', (error: unknown) => {
      firstError ??= error instanceof Error ? error.message : String(error);
    });
  });
}

/** Everything that is not a 200 answer, in words; empty when the run was clean. */
function problemsOf(run: Run): string[] {
  const r = run.result;
  const problems: string[] = [];
  const answered = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  const others = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => code !== '200')
    .map(([code, stats]) => `${stats.count ?? '?'}× HTTP ${code}`);
  if (r.non2xx > 0 || others.length > 0) {
    problems.push(`${r.non2xx} non-2xx responses (${others.join(', ') || 'codes unknown'})`);
  }
  if (r.errors > 0) {
    problems.push(
      `${r.errors} request errors, ${r.timeouts} of them timeouts` +
        (run.firstError ? ` (first: ${run.firstError})` : ''),
    );
  }
  if (r.mismatches > 0) problems.push(`${r.mismatches} mismatched bodies`);
  if (answered === 0) problems.push('no responses at all');
  return problems;
}

interface Measurement {
  target: Target;
  probe: Probe;
  warmup: autocannon.Result | undefined;
  result: autocannon.Result;
  requestsPerSecond: number;
  p99Ms: number;
  problems: string[];
}

async function measure(target: Target, settings: Settings): Promise<Measurement> {
  const probed = await probe(target.url);
  const problems: string[] = [];
  if (probed.status !== 200) problems.push(`probe answered HTTP ${probed.status}`);

  let warmup: Run | undefined;
  if (settings.warmup > 0) {
    process.stderr.write(`bench: ${target.name}: warm-up ${settings.warmup} s…\n`);
    warmup = await load(target.url, settings.warmup, settings.connections);
    problems.push(...problemsOf(warmup).map((problem) => `warm-up: ${problem}`));
  }
  process.stderr.write(`bench: ${target.name}: measuring ${settings.duration} s…\n`);
  const run = await load(target.url, settings.duration, settings.connections);
  problems.push(...problemsOf(run));
  return {
    target,
    probe: probed,
    warmup: warmup?.result,
    result: run.result,
    requestsPerSecond: run.result.requests.average,
    p99Ms: run.result.latency.p99,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

function ratio(value: number, base: number): string {
  if (!(base > 0) || !Number.isFinite(value)) return 'n/a';
  const r = value / base;
  return `${r.toFixed(r < 0.1 ? 3 : 2)}×`;
}

function markdownTable(measurements: Measurement[]): string {
  const base = measurements[0]!;
  const rows = measurements.map((m) => {
    const failed = m.problems.length > 0 ? ' **(FAILED)**' : '';
    return [
      `${m.target.name}${failed}`,
      Math.round(m.requestsPerSecond).toLocaleString('en-US'),
      String(m.p99Ms),
      ratio(m.requestsPerSecond, base.requestsPerSecond),
      ratio(m.p99Ms, base.p99Ms),
    ];
  });
  const header = ['Target', 'req/s (avg)', 'p99 ms', 'req/s vs hello', 'p99 vs hello'];
  const lines = [header, header.map((_, i) => (i === 0 ? '---' : '---:')), ...rows];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

/** A failed check, reported without a stack trace. */
class BenchFailure extends Error {
  override name = 'BenchFailure';
}

async function main() {
  const settings = readSettings();
  const started = new Date();
  const machineBefore = machine();
  const autocannonVersion = (
    createRequire(import.meta.url)('autocannon/package.json') as { version: string }
  ).version;

  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of APP_SETTINGS) delete env[name];
  const appEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: tempDir,
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef0123456789',
    GITHUB_CLIENT_ID: 'bench-github-client-id',
    GITHUB_CLIENT_SECRET: 'bench-github-client-secret',
  };

  process.stderr.write(`bench: seeding ${tempDir}…\n`);
  const seed = await runToCompletion('seed', ['scripts/seed.ts'], appEnv);
  process.stderr.write(`bench: ${seed.output.join(' ')}\n`);

  const [retosPort, helloPort] = [await freePort(), await freePort()];
  const retos = startChild(
    'retos',
    ['server/index.ts'],
    { ...appEnv, PORT: String(retosPort) },
    {
      echo: true,
    },
  );
  const hello = startChild(
    'hello-world',
    ['bench/hello-world.ts', String(helloPort)],
    { ...env, NODE_ENV: 'production' },
    { echo: true },
  );
  const retosBase = `http://${HOST}:${retosPort}`;
  const helloBase = `http://${HOST}:${helloPort}`;
  await Promise.all([
    waitUntilReady(retos, `${retosBase}/healthz`),
    waitUntilReady(hello, `${helloBase}/`),
  ]);

  const targets: Target[] = [
    { name: 'Express hello-world `/`', url: `${helloBase}/` },
    { name: 'Retos `/healthz`', url: `${retosBase}/healthz` },
    { name: 'Retos `/` (home)', url: `${retosBase}/` },
  ];
  const measurements: Measurement[] = [];
  for (const target of targets) measurements.push(await measure(target, settings));

  const finished = new Date();
  const machineAfter = machine();
  const retosOutput = [...retos.output];
  const retosAlive = retos.exitCode === undefined;
  await cleanup();

  const notes: string[] = [];
  for (const m of measurements) {
    if (m.probe.setsCookie) notes.push(`${m.target.name} sets a cookie on an anonymous GET.`);
  }
  if (!retosAlive) notes.push(`Retos exited during the run (code ${retos.exitCode}).`);
  if (retos.lineCount > 0) {
    notes.push(`Retos wrote ${retos.lineCount} line(s) at LOG_LEVEL=warn (see the JSON file).`);
  }

  const report = {
    date: started.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    machine: { ...machineBefore, loadAverage1mAfter: machineAfter.loadAverage1m },
    settings: { ...settings, pipelining: 1, autocannon: autocannonVersion, host: HOST },
    seedOutput: seed.output,
    retosOutput: { lines: retos.lineCount, first: retosOutput },
    helloWorldOutput: { lines: hello.lineCount, first: hello.output },
    notes,
    ok: measurements.every((m) => m.problems.length === 0) && retosAlive,
    targets: measurements.map((m) => ({
      name: m.target.name,
      url: m.target.url,
      requestsPerSecond: m.requestsPerSecond,
      p99Ms: m.p99Ms,
      requestsPerSecondRatio: m.requestsPerSecond / measurements[0]!.requestsPerSecond,
      p99Ratio: measurements[0]!.p99Ms > 0 ? m.p99Ms / measurements[0]!.p99Ms : null,
      problems: m.problems,
      probe: m.probe,
      result: m.result,
      warmup: m.warmup,
    })),
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  const resultsFile = path.join(
    resultsDir,
    `http-load-${started.toISOString().replace(/[:.]/g, '-')}.json`,
  );
  fs.writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);

  const m = report.machine;
  const out = [
    '',
    `## HTTP load, ${report.date}`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGiB} GiB RAM, Node ${m.node}, ` +
      `${m.os}; load average ${m.loadAverage1m} before, ${m.loadAverage1mAfter} after.`,
    `Load: autocannon ${autocannonVersion} in the bench process, ${settings.connections} ` +
      `connections, ${settings.duration} s per target after a ${settings.warmup} s warm-up, ` +
      `to ${HOST}. Retos in production mode on PGlite with demo data.`,
    '',
    markdownTable(measurements),
    '',
    ...notes.map((note) => `- ${note}`),
    ...(notes.length > 0 ? [''] : []),
    `Raw results: ${path.relative(root, resultsFile)}`,
    '',
  ];
  process.stdout.write(out.join('\n'));

  if (!report.ok) {
    const failures = measurements.flatMap((x) => x.problems.map((p) => `${x.target.name}: ${p}`));
    if (!retosAlive) failures.push('Retos exited during the run');
    throw new BenchFailure(`not every response was a 200:\n  ${failures.join('\n  ')}`);
  }
}

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

// HTTP load on one target with autocannon, run in the bench process: a plain probe request, a
// warm-up that is thrown away, the measured run, and everything in them that is not a 200 answer.
import http from 'node:http';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { HOST } from './child-processes.ts';

export interface LoadSettings {
  /** Seconds measured per target. */
  duration: number;
  /** Seconds of discarded load per target first; 0 for none. */
  warmup: number;
  connections: number;
}

const PIPELINING = 1;
const autocannonVersion = (
  createRequire(import.meta.url)('autocannon/package.json') as { version: string }
).version;

/** The settings as the JSON results record them. */
export function loadSetup(settings: LoadSettings) {
  return { ...settings, pipelining: PIPELINING, autocannon: autocannonVersion, host: HOST };
}

/** One sentence on how the load was made, for the printed summary. */
export function describeLoad(settings: LoadSettings): string {
  return (
    `Load: autocannon ${autocannonVersion} in the bench process, ${settings.connections} ` +
    `connections, ${settings.duration} s per target after a ${settings.warmup} s warm-up, ` +
    `to ${HOST}.`
  );
}

export interface Target {
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
      { url, connections, duration: seconds, pipelining: PIPELINING, timeout: 10 },
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

export interface Measurement {
  target: Target;
  probe: Probe;
  warmup: autocannon.Result | undefined;
  result: autocannon.Result;
  requestsPerSecond: number;
  p99Ms: number;
  /** Everything that was not a 200 answer, warm-up included; empty when the target passed. */
  problems: string[];
}

/** Probes the target, warms it up, then measures it. Progress goes to stderr. */
export async function measure(target: Target, settings: LoadSettings): Promise<Measurement> {
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

/** Each problem of each target, as `<target>: <problem>`. */
export function failures(measurements: Measurement[]): string[] {
  return measurements.flatMap((m) => m.problems.map((problem) => `${m.target.name}: ${problem}`));
}

/** Remarks that are not failures: targets that set a cookie on an anonymous GET. */
export function probeNotes(measurements: Measurement[]): string[] {
  return measurements
    .filter((m) => m.probe.setsCookie)
    .map((m) => `${m.target.name} sets a cookie on an anonymous GET.`);
}

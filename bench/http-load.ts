// `npm run bench`: HTTP load on the real app in production mode, next to a bare Express
// hello-world measured in the same run. See bench/README.md.
import { parseArgs } from 'node:util';
import {
  BenchFailure,
  cleanup,
  runBench,
  startHelloWorld,
  startRetos,
} from './support/child-processes.ts';
import {
  describeLoad,
  failures,
  loadSetup,
  measure,
  probeNotes,
  type LoadSettings,
  type Measurement,
  type Target,
} from './support/load.ts';
import {
  machine,
  markdownTable,
  printSummary,
  targetResults,
  writeResults,
} from './support/report.ts';

const USAGE = `Usage: npm run bench -- [--duration S] [--warmup S] [--connections N]

  --duration S      seconds measured per target (env BENCH_DURATION, default 10)
  --warmup S        seconds of discarded load per target first (env BENCH_WARMUP, default 3)
  --connections N   concurrent connections (env BENCH_CONNECTIONS, default 10)
`;

function positiveNumber(name: string, raw: string | undefined, fallback: number, min: number) {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function readSettings(): LoadSettings {
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

async function main() {
  const settings = readSettings();
  const started = new Date();
  const machineBefore = machine();

  const retos = await startRetos();
  const hello = await startHelloWorld();
  const targets: Target[] = [
    { name: 'Express hello-world `/`', url: `${hello.baseUrl}/` },
    { name: 'Retos `/healthz`', url: `${retos.baseUrl}/healthz` },
    { name: 'Retos `/` (home)', url: `${retos.baseUrl}/` },
  ];
  const measurements: Measurement[] = [];
  for (const target of targets) measurements.push(await measure(target, settings));

  const finished = new Date();
  const machineAfter = machine();
  const retosOutput = [...retos.child.output];
  const retosAlive = retos.child.exitCode === undefined;
  await cleanup();

  const notes = probeNotes(measurements);
  if (!retosAlive) notes.push(`Retos exited during the run (code ${retos.child.exitCode}).`);
  if (retos.child.lineCount > 0) {
    notes.push(
      `Retos wrote ${retos.child.lineCount} line(s) at LOG_LEVEL=warn (see the JSON file).`,
    );
  }
  const ok = measurements.every((m) => m.problems.length === 0) && retosAlive;
  const report = {
    date: started.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    machine: { ...machineBefore, loadAverage1mAfter: machineAfter.loadAverage1m },
    settings: loadSetup(settings),
    seedOutput: retos.seed.output,
    retosOutput: { lines: retos.child.lineCount, first: retosOutput },
    helloWorldOutput: { lines: hello.child.lineCount, first: hello.child.output },
    notes,
    ok,
    targets: targetResults(measurements),
  };
  const resultsFile = writeResults('http-load', started, report);
  printSummary({
    title: 'HTTP load',
    date: report.date,
    machine: report.machine,
    setup: `${describeLoad(settings)} Retos in production mode on PGlite with demo data.`,
    table: markdownTable(measurements),
    notes,
    resultsFile,
  });

  if (!ok) {
    const failed = failures(measurements);
    if (!retosAlive) failed.push('Retos exited during the run');
    throw new BenchFailure(`not every response was a 200:\n  ${failed.join('\n  ')}`);
  }
}

await runBench(main);

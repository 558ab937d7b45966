// `npm run bench:challenges`: /retos, two searches and one challenge page with 10,000 seeded
// challenges, on embedded PGlite and on the PostgreSQL server, each next to a bare Express
// hello-world measured in the same run. See bench/README.md.
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  BenchFailure,
  onCleanup,
  runBench,
  runToCompletion,
  startHelloWorld,
  startRetos,
  stopServer,
  type Retos,
  type Server,
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

const USAGE = `Usage: npm run bench:challenges -- [--challenges N] [--duration S] [--warmup S]
                                   [--connections N] [--postgres URL | --no-postgres]
                                   [--no-pglite]

  --challenges N    challenges seeded into each database (default 10000)
  --duration S      seconds measured per target (env BENCH_DURATION, default 8)
  --warmup S        seconds of discarded load per target first (env BENCH_WARMUP, default 2)
  --connections N   concurrent connections (env BENCH_CONNECTIONS, default 10)
  --postgres URL    server to create the bench database on
                    (env BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres)
  --no-postgres     measure PGlite only
  --no-pglite       measure PostgreSQL only (e.g. at 100,000 challenges)
`;

// Words that the generated titles and problems use: "agua" is in about one challenge in
// fifteen, "datos" in most of them, so the two searches bound what ranking costs.
const SEARCHES = ['agua', 'datos'];

function readSettings() {
  const { values } = parseArgs({
    options: {
      challenges: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      postgres: { type: 'string' },
      'no-postgres': { type: 'boolean' },
      'no-pglite': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const env = process.env;
  const number = (name: string, raw: string | undefined, fallback: number, min: number) => {
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) {
      throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
    }
    return value;
  };
  const load: LoadSettings = {
    duration: number('--duration', values.duration ?? env.BENCH_DURATION, 8, 1),
    warmup: number('--warmup', values.warmup ?? env.BENCH_WARMUP, 2, 0),
    connections: Math.round(
      number('--connections', values.connections ?? env.BENCH_CONNECTIONS, 10, 1),
    ),
  };
  return {
    load,
    challenges: Math.round(number('--challenges', values.challenges, 10_000, 1)),
    pglite: !values['no-pglite'],
    postgresUrl: values['no-postgres']
      ? undefined
      : (values.postgres ??
        env.BENCH_POSTGRES_URL ??
        'postgres://postgres@127.0.0.1:5432/postgres'),
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server, dropped when the bench ends (also on error or Ctrl-C). */
async function createBenchDatabase(adminUrl: string): Promise<string> {
  const name = `retos_bench_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  onCleanup(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The slug the seed step printed, and a check that a search finds something. */
function sampleChallenge(retos: Retos): string {
  const line = retos.seed.output.find((text) => text.startsWith('sample-challenge='));
  if (!line) throw new BenchFailure('the seed step named no sample challenge');
  return line.slice('sample-challenge='.length);
}

async function checkPage(url: string, mustContain: RegExp): Promise<void> {
  const response = await fetch(url);
  const html = await response.text();
  if (response.status !== 200 || !mustContain.test(html)) {
    throw new BenchFailure(`${url} answered ${response.status} without ${mustContain}`);
  }
}

async function measureDatabase(
  label: string,
  hello: Server,
  settings: ReturnType<typeof readSettings>,
  env: NodeJS.ProcessEnv,
) {
  const retos = await startRetos({
    env,
    seed: (seedEnv) =>
      runToCompletion('seed', ['bench/seed-challenges.ts', String(settings.challenges)], seedEnv),
  });
  const slug = sampleChallenge(retos);
  const base = retos.baseUrl;
  await checkPage(`${base}/retos`, /rel="next"/);
  for (const word of SEARCHES) await checkPage(`${base}/retos?q=${word}`, /class="card__title"/);
  await checkPage(`${base}/estadisticas`, /data-state="OAX"/);
  const targets: Target[] = [
    { name: `Express hello-world \`/\``, url: `${hello.baseUrl}/` },
    { name: `${label}: \`/retos\``, url: `${base}/retos` },
    ...SEARCHES.map((word) => ({
      name: `${label}: \`/retos?q=${word}\``,
      url: `${base}/retos?q=${word}`,
    })),
    { name: `${label}: challenge page`, url: `${base}/retos/${slug}` },
    // Every figure of the statistics page is an aggregate over all published challenges.
    { name: `${label}: \`/estadisticas\``, url: `${base}/estadisticas` },
    { name: `${label}: \`/estadisticas?entidad=OAX\``, url: `${base}/estadisticas?entidad=OAX` },
  ];
  const measurements: Measurement[] = [];
  for (const target of targets) measurements.push(await measure(target, settings.load));
  const alive = retos.child.exitCode === undefined;
  const result = {
    label,
    measurements,
    alive,
    seed: retos.seed.output,
    retosLines: retos.child.lineCount,
    retosOutput: [...retos.child.output],
    exitCode: retos.child.exitCode,
  };
  // Requests autocannon gave up on at the end may still be running: let them finish first.
  await sleep(1_000);
  await stopServer(retos);
  return result;
}

async function main() {
  const settings = readSettings();
  const started = new Date();
  const machineBefore = machine();
  const hello = await startHelloWorld();

  const runs = settings.pglite ? [await measureDatabase('PGlite', hello, settings, {})] : [];
  if (settings.postgresUrl) {
    const url = await createBenchDatabase(settings.postgresUrl);
    runs.push(await measureDatabase('PostgreSQL', hello, settings, { DATABASE_URL: url }));
  }

  const finished = new Date();
  const machineAfter = machine();
  const notes = runs.flatMap((run) => [
    ...probeNotes(run.measurements),
    ...(run.alive ? [] : [`Retos on ${run.label} exited during the run (code ${run.exitCode}).`]),
    ...(run.retosLines > 0
      ? [
          `Retos on ${run.label} wrote ${run.retosLines} line(s) at LOG_LEVEL=warn (see the JSON file).`,
        ]
      : []),
  ]);
  const ok = runs.every(
    (run) => run.alive && run.measurements.every((m) => m.problems.length === 0),
  );
  const report = {
    date: started.toISOString(),
    durationSeconds: Math.round((finished.getTime() - started.getTime()) / 1000),
    machine: { ...machineBefore, loadAverage1mAfter: machineAfter.loadAverage1m },
    settings: { ...loadSetup(settings.load), challenges: settings.challenges },
    notes,
    ok,
    runs: runs.map((run) => ({
      database: run.label,
      seedOutput: run.seed,
      retosOutput: { lines: run.retosLines, first: run.retosOutput },
      targets: targetResults(run.measurements),
    })),
  };
  const resultsFile = writeResults('challenges-load', started, report);
  printSummary({
    title: 'Browse and search load',
    date: report.date,
    machine: report.machine,
    setup:
      `${describeLoad(settings.load)} Retos in production mode with ${settings.challenges} ` +
      `seeded challenges; each table's ratios are to the hello-world measured just before it.`,
    table: runs.map((run) => markdownTable(run.measurements)).join('\n\n'),
    notes: [...runs.map((run) => `${run.label} seed: ${run.seed[0] ?? ''}`), ...notes],
    resultsFile,
  });

  if (!ok) {
    const failed = runs.flatMap((run) => [
      ...failures(run.measurements),
      ...(run.alive ? [] : [`Retos on ${run.label} exited during the run`]),
    ]);
    throw new BenchFailure(`not every response was a 200:\n  ${failed.join('\n  ')}`);
  }
}

await runBench(main);

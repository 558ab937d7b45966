// What a benchmark run reports: the machine it ran on, every target as a ratio of the first one
// (the baseline measured in the same run), a Markdown table for bench/README.md, and the raw
// results as JSON in bench/results/ (git-ignored).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './child-processes.ts';
import type { Measurement } from './load.ts';

const resultsDir = path.join(root, 'bench', 'results');

export type Machine = ReturnType<typeof machine>;

/** The machine now; the load average moves, so take it before and after the run. */
export function machine() {
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

/** Throughput and p99 of each target, also as ratios of the first target's. */
export function markdownTable(measurements: Measurement[]): string {
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

/** The targets as the JSON results record them: figures, ratios, problems and raw results. */
export function targetResults(measurements: Measurement[]) {
  const base = measurements[0]!;
  return measurements.map((m) => ({
    name: m.target.name,
    url: m.target.url,
    requestsPerSecond: m.requestsPerSecond,
    p99Ms: m.p99Ms,
    requestsPerSecondRatio: m.requestsPerSecond / base.requestsPerSecond,
    p99Ratio: base.p99Ms > 0 ? m.p99Ms / base.p99Ms : null,
    problems: m.problems,
    probe: m.probe,
    result: m.result,
    warmup: m.warmup,
  }));
}

/** Writes `bench/results/<name>-<start time>.json` and returns its path. */
export function writeResults(name: string, started: Date, results: object): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export interface Summary {
  /** The heading, followed by the date. */
  title: string;
  date: string;
  machine: Machine & { loadAverage1mAfter: number };
  /** How the load was made and on what, one line. */
  setup: string;
  table: string;
  notes: string[];
  resultsFile: string;
}

/** Prints the run to stdout as Markdown, ready to paste into bench/README.md. */
export function printSummary(summary: Summary): void {
  const m = summary.machine;
  const { notes } = summary;
  const out = [
    '',
    `## ${summary.title}, ${summary.date}`,
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.totalMemoryGiB} GiB RAM, Node ${m.node}, ` +
      `${m.os}; load average ${m.loadAverage1m} before, ${m.loadAverage1mAfter} after.`,
    summary.setup,
    '',
    summary.table,
    '',
    ...notes.map((note) => `- ${note}`),
    ...(notes.length > 0 ? [''] : []),
    `Raw results: ${path.relative(root, summary.resultsFile)}`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

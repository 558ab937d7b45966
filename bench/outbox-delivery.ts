// `npm run bench:outbox`: how many emails a minute ONE outbox worker (deliverDueEmails, default
// batch) delivers to a local SMTP server, on PGlite and, with DATABASE_URL, on PostgreSQL, next
// to the same pooled nodemailer transport sending the same rendered messages directly. The SMTP
// server is smtp-server in a child process (this file run with --peer). See bench/README.md.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { asc, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { outbox, type User } from '../models/schema/index.ts';
import { parseConfig } from '../server/config.ts';
import { openDatabase, type Database } from '../server/db/database.ts';
import { queryRows } from '../server/db/query-rows.ts';
import { createTranslator } from '../server/i18n/index.ts';
import { createMailer, type OutgoingEmail } from '../server/mail/mailer.ts';
import { enqueueEmails, type EmailToSend } from '../server/mail/outbox.ts';
import { deliverDueEmails, type OutboxDeps } from '../server/mail/outbox-worker.ts';
import { renderOutboxMessage } from '../server/mail/render-outbox-message.ts';
import { makeUser } from '../tests/support/factories.ts';
import { adminQuery, withDatabase } from '../tests/support/test-db.ts';
import { BenchFailure, HOST, onCleanup, runBench } from './support/child-processes.ts';
import { machine, printSummary, writeResults } from './support/report.ts';

const USAGE = `Usage: npm run bench:outbox -- [--messages N] [--runs N]

  --messages N   messages delivered per path and run (default 2000)
  --runs N       measured runs, the median is reported (default 5)

PostgreSQL is measured too when DATABASE_URL names a server (a database of its own is created
and dropped), e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:outbox
`;

const BASE_URL = 'https://retos.example';
const USERS = 100;
const ENQUEUE_CHUNK = 500;
const WARMUP_MESSAGES = 200;

// ---------------------------------------------------------------------------------------------
// The SMTP peer (child process): accepts everything, reads each message to its end, counts.

type PeerReport = { port: number } | { received: number; bytes: number };

function runPeer(): void {
  let received = 0;
  let bytes = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.once('end', () => {
        received += 1;
        callback();
      });
    },
  });
  // A client hanging up is an 'error' event: not a reason to stop the peer.
  server.on('error', () => {});
  server.listen(0, HOST, () => {
    const { port } = server.server.address() as { port: number };
    process.send!({ port } satisfies PeerReport);
  });
  process.on('message', () => process.send!({ received, bytes } satisfies PeerReport));
  process.on('disconnect', () => process.exit(0));
}

interface Peer {
  url: string;
  counts(): Promise<{ received: number; bytes: number }>;
}

function nextReport(child: ChildProcess): Promise<PeerReport> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the SMTP peer exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (message: PeerReport) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

async function startPeer(): Promise<Peer> {
  const child = fork(fileURLToPath(import.meta.url), ['--peer'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Closing the IPC channel ends the peer (see runPeer), without a signal.
    child.disconnect();
    await exited;
  });
  const ready = await nextReport(child);
  if (!('port' in ready)) throw new Error('the SMTP peer did not say its port');
  return {
    url: `smtp://${HOST}:${ready.port}`,
    async counts() {
      const reply = nextReport(child);
      child.send('counts');
      const report = await reply;
      if (!('received' in report)) throw new Error('the SMTP peer did not say its counts');
      return report;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Databases and messages

interface Target {
  label: string;
  database: Database;
  users: User[];
  version: string;
}

async function prepare(label: string, database: Database): Promise<Target> {
  await database.migrate();
  const users: User[] = [];
  for (let i = 0; i < USERS; i += 1) {
    users.push(await makeUser(database.db, { locale: i % 2 ? 'en' : 'es' }));
  }
  const [row] = await queryRows<{ version: string }>(database.db, sql`SELECT version()`);
  return { label, database, users, version: row?.version.split(' on ')[0] ?? 'unknown' };
}

async function pglite(): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-bench-outbox-'));
  const database = await openDatabase({ kind: 'pglite-dir', dataDir });
  onCleanup(async () => {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return prepare('PGlite', database);
}

/** A database of its own on the server, dropped at the end as the test runner does. */
async function postgres(adminUrl: string): Promise<Target> {
  const name = `retos_bench_outbox_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  onCleanup(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(adminUrl, name) });
  onCleanup(() => database.close());
  return prepare('PostgreSQL', database);
}

/** Half essential sign-in links, half claim notices with unsubscribe headers; both languages. */
function emails(target: Target, count: number): EmailToSend[] {
  return Array.from({ length: count }, (_, i): EmailToSend => {
    if (i % 2 === 0) {
      const address = `persona-${i}@example.org`;
      return {
        kind: 'sign_in',
        template: 'sign-in-link',
        to: { userId: null, email: address, language: i % 4 ? 'en' : 'es' },
        data: { link: `${BASE_URL}/entrar/enlace?token=bench-${i}`, minutes: 15 },
        secret: true,
      };
    }
    const user = target.users[i % target.users.length]!;
    return {
      kind: 'claim',
      template: 'claim-expired',
      to: { userId: user.id, email: user.email!, language: user.locale },
      data: { challenge: `Reto ${i}`, days: 14, link: `${BASE_URL}/retos/reto-${i}` },
    };
  });
}

/** An empty outbox, then `count` pending messages written as the app writes them. */
async function fillOutbox(target: Target, count: number): Promise<number> {
  const { db } = target.database;
  await db.delete(outbox);
  const all = emails(target, count);
  const started = performance.now();
  for (let i = 0; i < all.length; i += ENQUEUE_CHUNK) {
    await db.transaction((tx) => enqueueEmails(tx, all.slice(i, i + ENQUEUE_CHUNK)));
  }
  const elapsed = performance.now() - started;
  // Every run starts from the same state: dead rows of the last run gone, fresh statistics.
  await target.database.analyze();
  return elapsed;
}

// ---------------------------------------------------------------------------------------------
// Measuring

function readSettings() {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string' },
      runs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const whole = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be ≥ 1, got "${raw}"`);
    return value;
  };
  return {
    messages: whole('--messages', values.messages, 2000),
    runs: whole('--runs', values.runs, 5),
    postgresUrl: process.env.DATABASE_URL || undefined,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const perMinute = (count: number, ms: number) => (count / ms) * 60_000;

async function main() {
  const settings = readSettings();
  const started = new Date();
  const machineBefore = machine();
  const logger = pino({ level: 'silent' });
  const translator = createTranslator();
  const peer = await startPeer();
  const config = parseConfig({
    LOG_LEVEL: 'silent',
    BASE_URL,
    SMTP_URL: peer.url,
    MAIL_FROM: 'Retos <avisos@retos.example>',
  });
  // The app's own mailer: the pooled transport, one connection, the app's timeouts.
  const mailer = createMailer(config, logger);
  onCleanup(async () => mailer.close?.());

  process.stderr.write('bench: preparing the databases…\n');
  const targets = [await pglite()];
  if (settings.postgresUrl) targets.push(await postgres(settings.postgresUrl));
  const depsOf = (target: Target): OutboxDeps => ({
    db: target.database.db,
    mailer,
    translator,
    config,
    logger,
  });

  /** The pending messages, rendered as the worker renders them, for the direct baseline. */
  const renderedOutbox = async (target: Target) => {
    const rows = await target.database.db.select().from(outbox).orderBy(asc(outbox.nextAttemptAt));
    const start = performance.now();
    const messages: OutgoingEmail[] = rows.map((row) =>
      renderOutboxMessage({ config, translator }, row),
    );
    return { messages, renderMs: performance.now() - start };
  };
  const sendDirect = async (messages: OutgoingEmail[]) => {
    const start = performance.now();
    // One at a time, as the worker sends.
    for (const message of messages) await mailer.send(message);
    return performance.now() - start;
  };
  const deliver = async (target: Target, expected: number) => {
    const start = performance.now();
    const report = await deliverDueEmails(depsOf(target));
    const elapsed = performance.now() - start;
    if (report.sent !== expected || report.retrying + report.failed > 0) {
      throw new BenchFailure(
        `${target.label}: expected ${expected} sent, got ${JSON.stringify(report)}`,
      );
    }
    return elapsed;
  };

  let expectedAtPeer = 0;
  process.stderr.write(`bench: warm-up, ${WARMUP_MESSAGES} messages per path…\n`);
  for (const target of targets) {
    await fillOutbox(target, WARMUP_MESSAGES);
    await sendDirect((await renderedOutbox(target)).messages);
    await deliver(target, WARMUP_MESSAGES);
    expectedAtPeer += 2 * WARMUP_MESSAGES;
  }

  const runs: {
    directMs: number;
    /** Rendering the same messages alone, part of what the worker adds to the direct send. */
    renderMs: number;
    outbox: Record<string, number>;
    enqueue: Record<string, number>;
  }[] = [];
  for (let run = 1; run <= settings.runs; run += 1) {
    process.stderr.write(`bench: run ${run}/${settings.runs}, ${settings.messages} messages…\n`);
    const enqueue: Record<string, number> = {};
    for (const target of targets)
      enqueue[target.label] = await fillOutbox(target, settings.messages);
    const { messages, renderMs } = await renderedOutbox(targets[0]!);
    const directMs = await sendDirect(messages);
    expectedAtPeer += settings.messages;
    const outboxMs: Record<string, number> = {};
    for (const target of targets) {
      outboxMs[target.label] = await deliver(target, settings.messages);
      expectedAtPeer += settings.messages;
    }
    runs.push({ directMs, renderMs, outbox: outboxMs, enqueue });
  }

  const atPeer = await peer.counts();
  if (atPeer.received !== expectedAtPeer) {
    throw new BenchFailure(`the peer received ${atPeer.received}, expected ${expectedAtPeer}`);
  }

  const n = settings.messages;
  const direct = runs.map((run) => perMinute(n, run.directMs));
  const rows = [
    {
      path: 'Direct: pooled nodemailer, pre-rendered',
      rates: direct,
      ratios: direct.map(() => 1),
    },
    ...targets.map((target) => {
      const rates = runs.map((run) => perMinute(n, run.outbox[target.label]!));
      return {
        path: `Outbox worker, ${target.label}`,
        rates,
        ratios: rates.map((rate, i) => rate / direct[i]!),
      };
    }),
  ];
  const fmt = (value: number) => Math.round(value).toLocaleString('en-US');
  const table = [
    ['Path', 'msgs/min (median)', 'min–max', 'ms/msg', 'vs direct'],
    ['---', '---:', '---:', '---:', '---:'],
    ...rows.map((row) => [
      row.path,
      fmt(median(row.rates)),
      `${fmt(Math.min(...row.rates))}–${fmt(Math.max(...row.rates))}`,
      (60_000 / median(row.rates)).toFixed(2),
      `${median(row.ratios).toFixed(2)}×`,
    ]),
  ]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');

  const machineAfter = machine();
  const report = {
    date: started.toISOString(),
    machine: {
      ...machineBefore,
      nproc: os.availableParallelism(),
      loadAverage1mAfter: machineAfter.loadAverage1m,
    },
    settings: { ...settings, postgresUrl: undefined, batch: 'default', warmup: WARMUP_MESSAGES },
    databases: targets.map((target) => ({ label: target.label, version: target.version })),
    peer: atPeer,
    runs,
    summary: rows.map((row) => ({
      path: row.path,
      medianPerMinute: median(row.rates),
      perMinute: row.rates,
      medianRatio: median(row.ratios),
    })),
  };
  const resultsFile = writeResults('outbox-delivery', started, report);
  const enqueueNotes = targets.map((target) => {
    const ms = median(runs.map((run) => run.enqueue[target.label]!));
    return (
      `${target.label} (${target.version}): writing the ${n} messages with enqueueEmails, ` +
      `${ENQUEUE_CHUNK} per transaction, took ${Math.round(ms)} ms (median; not in the rates).`
    );
  });
  const renderNote =
    `Rendering alone (renderOutboxMessage, in the direct path's preparation, not timed there): ` +
    `${(median(runs.map((run) => run.renderMs)) / n).toFixed(2)} ms per message (median).`;
  printSummary({
    title: 'Outbox delivery',
    date: report.date,
    machine: report.machine,
    setup:
      `${n} messages per path and run (half sign-in links, half claim notices with ` +
      `List-Unsubscribe), ${settings.runs} runs after a ${WARMUP_MESSAGES}-message warm-up; ` +
      `SMTP peer: smtp-server in a child process on ${HOST}; nproc ${report.machine.nproc}. ` +
      `"vs direct" is the median of each run's ratio to the direct send of that run.`,
    table,
    notes: [
      renderNote,
      ...enqueueNotes,
      `The peer received ${atPeer.received} messages, as expected.`,
    ],
    resultsFile,
  });
}

if (process.argv.includes('--peer')) runPeer();
else await runBench(main);

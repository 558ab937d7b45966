// Runs the suite: prepares one migrated template database, then node:test over every test file
// with the TAP reporter. `unit` runs tests/**/*.test.ts; `e2e` runs tests/e2e/**/*.e2e.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/database.ts';
import { adminQuery, withDatabase } from './test-db.ts';

const mode = process.argv[2] === 'e2e' ? 'e2e' : 'unit';
const suffix = mode === 'e2e' ? '.e2e.ts' : '.test.ts';
const only = process.argv.slice(3);

function findFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findFiles(full);
      return entry.name.endsWith(suffix) ? [full] : [];
    })
    .sort();
}

const files = only.length > 0 ? only : findFiles('tests');
if (files.length === 0) {
  console.error(`No ${suffix} files found under tests/.`);
  process.exit(1);
}

const databaseUrl = process.env.DATABASE_URL;
const runId = `retos_test_${Date.now().toString(36)}_${process.pid}`;
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-tests-'));
const env: NodeJS.ProcessEnv = { ...process.env, RETOS_TEST_DB_PREFIX: runId };

async function prepareTemplate() {
  if (databaseUrl) {
    const template = `${runId}_template`;
    await adminQuery(databaseUrl, `CREATE DATABASE "${template}"`);
    const database = await openDatabase({
      kind: 'postgres',
      url: withDatabase(databaseUrl, template),
    });
    await database.migrate();
    await database.close();
    env.RETOS_TEST_PG_TEMPLATE = template;
    console.log(`# databases on the PostgreSQL server, cloned from ${template}`);
    return;
  }
  const database = await openDatabase({ kind: 'pglite-memory' });
  await database.migrate();
  const dump = await database.dumpDataDir!();
  await database.close();
  const file = path.join(tmpDir, 'template.tar.gz');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  env.RETOS_TEST_PGLITE_TEMPLATE = file;
  console.log('# databases: PGlite in memory, loaded from a migrated template');
}

async function dropRunDatabases() {
  if (!databaseUrl) return;
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${runId}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

let exitCode: number;
try {
  await prepareTemplate();
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=tap',
        `--test-concurrency=${mode === 'e2e' ? 1 : Math.max(2, os.availableParallelism())}`,
        ...files,
      ],
      { stdio: 'inherit', env },
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await dropRunDatabases();
  fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.exit(exitCode);

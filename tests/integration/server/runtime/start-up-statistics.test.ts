import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { prepareDatabase } from '../../../../server/runtime/prepare-database.ts';
import { capturedLogger } from '../../../support/log-capture.ts';
import { testConfig } from '../../../support/test-app.ts';
import { createServerDatabase, testDatabaseUrl } from '../../../support/test-db.ts';

const REFRESHED = 'database statistics refreshed after migrating or seeding';

/** Starts on the configured database as the server does, and says whether it ran ANALYZE. */
async function startAndClose(env: Record<string, string>): Promise<boolean> {
  const log = capturedLogger();
  const database = await prepareDatabase(testConfig(env), log.logger);
  await database.close();
  return log.entries().some((entry) => entry.msg === REFRESHED);
}

describe('statistics at start-up', { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'are refreshed once after migrating a new embedded database, not on a plain restart',
    { skip: Boolean(testDatabaseUrl) },
    async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'retos-start-'));
      dirs.push(dataDir);
      assert.equal(await startAndClose({ DATA_DIR: dataDir }), true, 'after the migrations');
      assert.equal(await startAndClose({ DATA_DIR: dataDir }), false, 'nothing changed');
    },
  );

  it(
    'are left alone when a PostgreSQL database is already up to date',
    { skip: !testDatabaseUrl },
    async () => {
      const server = await createServerDatabase();
      try {
        assert.ok(server.migrated, 'the suite prepares migrated databases');
        assert.equal(await startAndClose({ DATABASE_URL: server.url }), false);
      } finally {
        await server.drop();
      }
    },
  );
});

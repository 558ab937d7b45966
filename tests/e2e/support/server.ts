// The real app, listening on a free local port, with the demo data seeded.
import type { Database } from '../../../server/db.ts';
import { listen } from '../../../server/http-server.ts';
import { seedDemoData } from '../../../server/seed/seed-demo-data.ts';
import { buildTestApp } from '../../support/test-app.ts';

export interface E2eServer {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  baseUrl: string;
  database: Database;
  close(): Promise<void>;
}

export async function startServer(): Promise<E2eServer> {
  const testApp = await buildTestApp();
  try {
    await seedDemoData(testApp.database.db);
    const running = await listen(testApp.app, 0, '127.0.0.1');
    let closing: Promise<void> | undefined;
    return {
      baseUrl: `http://127.0.0.1:${running.port}`,
      database: testApp.database,
      close() {
        closing ??= running.close(1_000).finally(() => testApp.close());
        return closing;
      },
    };
  } catch (error) {
    await testApp.close();
    throw error;
  }
}

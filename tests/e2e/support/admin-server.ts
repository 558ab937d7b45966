// The e2e server of ./server.ts, with administrators named as ADMIN_EMAILS would name them.
import { testConfig } from '../../support/test-app.ts';
import { startServer, type E2eServer } from './server.ts';

/**
 * startServer() takes no environment, so the administrators parsed from ADMIN_EMAILS are added
 * to the configuration the running app reads on every request (the same object: the app is
 * given the config by reference).
 */
export async function startServerWithAdmins(adminEmails: string[]): Promise<E2eServer> {
  const server = await startServer();
  const { adminEmails: parsed } = testConfig({ ADMIN_EMAILS: adminEmails.join(',') });
  server.config.adminEmails.push(...parsed);
  return server;
}

import type { Express } from 'express';
import { listen } from '../../server/runtime/http-server.ts';
import { buildTestApp, type TestApp } from './test-app.ts';

/**
 * The app on a real port, for flows that leave and re-enter it (OAuth redirects). It listens
 * first so BASE_URL, which callback URLs are built from, names the real port.
 */
export async function startTestServer(
  options: Parameters<typeof buildTestApp>[0] = {},
): Promise<TestApp & { url: string; stop(): Promise<void> }> {
  const target: { app?: Express } = {};
  const running = await listen((req, res) => target.app!(req, res), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${running.port}`;
  const test = await buildTestApp({ ...options, env: { BASE_URL: url, ...options.env } });
  target.app = test.app;
  return {
    ...test,
    url,
    stop: async () => {
      await running.close(100);
      await test.close();
    },
  };
}

/** fetch with a cookie jar and no automatic redirects, like a browser seen step by step. */
export function cookieClient() {
  const jar = new Map<string, string>();
  return {
    jar,
    async fetch(url: string, init: RequestInit = {}): Promise<Response> {
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const headers = new Headers(init.headers);
      if (cookie) headers.set('cookie', cookie);
      const response = await fetch(url, { ...init, headers, redirect: 'manual' });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const index = pair!.indexOf('=');
        const name = pair!.slice(0, index);
        const value = pair!.slice(index + 1);
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    },
  };
}

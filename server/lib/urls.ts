import { z } from 'zod';

/** A URL whose scheme is one of `protocols` (written without the colon: 'smtp'). */
export function urlWithProtocols(protocols: readonly string[], message?: string) {
  return z.url({ protocol: new RegExp(`^(?:${protocols.join('|')})$`), error: message });
}

/**
 * A web address: http or https, any host (localhost too). zod also demands that this exact
 * protocol pattern be written out in full, refusing `https:/x` that URL() would repair.
 */
export const httpUrl = (message?: string) => z.url({ protocol: /^https?$/, error: message });

const webUrl = httpUrl();

/** A link people can open in a browser: http or https, never javascript: or data:. */
export function isHttpUrl(value: string): boolean {
  return webUrl.safeParse(value).success;
}

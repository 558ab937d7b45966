import { z } from 'zod';

/** A URL whose scheme is one of `protocols` (written without the colon: 'https'). */
export function urlWithProtocols(protocols: readonly string[], message?: string) {
  return z.url({ protocol: new RegExp(`^(?:${protocols.join('|')})$`), error: message });
}

const webUrl = urlWithProtocols(['http', 'https']);

/** A link people can open in a browser: http or https, never javascript: or data:. */
export function isHttpUrl(value: string): boolean {
  return webUrl.safeParse(value).success;
}

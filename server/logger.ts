import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';
import { databaseErrorForLog } from './db/index.ts';

export type { Logger };

/**
 * Logs errors as pino does, except those of a query: their parameters and the server's detail
 * carry people's data, so only the SQLSTATE and the query text are kept.
 */
export function errorSerializer(value: unknown): unknown {
  // pino-http hands over pino's own serialization, with the error itself on `raw`.
  const raw = (value as { raw?: unknown } | null | undefined)?.raw ?? value;
  return databaseErrorForLog(raw) ?? stdSerializers.err(raw as Error);
}

export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: { err: errorSerializer },
    },
    destination,
  );
}

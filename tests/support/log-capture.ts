import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../server/logger.ts';

/** The app's real logger (with its serializers), writing JSON lines into memory for a test. */
export function capturedLogger(level: 'info' | 'warn' = 'info'): {
  logger: Logger;
  /** Everything written so far, as raw text: what would reach the log file. */
  text(): string;
  /** The lines as objects. */
  entries(): Record<string, unknown>[];
} {
  let text = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return {
    logger: createLogger({ logLevel: level }, destination),
    text: () => text,
    entries: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

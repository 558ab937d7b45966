import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import { errorSerializer, type Logger } from '../logger.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
// Sign-in links and OAuth callbacks carry secrets in the query: never write them to logs.
const SECRET_PARAMS = /([?&](?:token|code|state)=)[^&#]*/gi;

// Invitation links carry theirs in the path, and in `volver=` on the way through sign-in.
const INVITATION_TOKEN = /(^\/invitaciones\/|volver=%2Finvitaciones%2F)[^/?&#]+/gi;

export const redactUrl = (url: string) =>
  url.replace(SECRET_PARAMS, '$1[redacted]').replace(INVITATION_TOKEN, '$1[redacted]');

/** Logs every request with an id, taken from a proxy's X-Request-Id when it looks sane. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: redactUrl(String(req.url)) }),
      res: (res) => ({ statusCode: res.statusCode }),
      err: errorSerializer,
    },
  });
}

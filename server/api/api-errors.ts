import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from '../errors.ts';

/** An API failure with a stable machine code; the message is for the developer reading it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const apiNotFound: RequestHandler = () => {
  throw new ApiError(404, 'not_found', 'No such resource.');
};

const CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** Every error under /api/v1 as `{ error: { code, message } }`, never an HTML page. */
export const apiErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  let status = 500;
  let code = 'internal_error';
  let message = 'Something failed on our side.';
  if (error instanceof ApiError) ({ status, code, message } = error);
  else if (error instanceof HttpError || typeof error?.status === 'number') {
    status = error.status >= 400 && error.status < 600 ? error.status : 500;
    code = CODES[status] ?? (status < 500 ? 'bad_request' : 'internal_error');
    message = status < 500 ? 'The request cannot be answered.' : message;
  }
  if (status >= 500) req.log?.error({ err: error }, 'api request failed');
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error: { code, message } });
};

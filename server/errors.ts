// Typed errors carry their HTTP status and a translation key; the error middleware renders them.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
    message?: string,
  ) {
    super(message ?? messageKey);
  }
}

export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(messageKey = 'errors.404.message') {
    super(404, messageKey);
  }
}

export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(messageKey = 'errors.403.message') {
    super(403, messageKey);
  }
}

export class CsrfError extends ForbiddenError {
  override name = 'CsrfError';
  constructor() {
    super('errors.csrf.message');
  }
}

/** Input that cannot be accepted; the form is shown again with the values and per-field messages. */
export class ValidationError extends HttpError {
  override name = 'ValidationError';
  constructor(
    readonly fieldErrors: Record<string, string> = {},
    messageKey = 'errors.422.message',
  ) {
    super(422, messageKey);
  }
}

/** The request conflicts with the current state (someone else got there first). */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
  constructor(messageKey = 'errors.409.message') {
    super(409, messageKey);
  }
}

export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError';
  constructor() {
    super(429, 'errors.429.message');
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  override name = 'UnsupportedMediaTypeError';
  constructor() {
    super(415, 'errors.415.message');
  }
}

export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
  constructor(messageKey = 'errors.400.message') {
    super(400, messageKey);
  }
}

/** The service cannot answer right now (the database is away or busy); asking again soon may. */
export class ServiceUnavailableError extends HttpError {
  override name = 'ServiceUnavailableError';
  constructor(readonly retryAfterSeconds = 5) {
    super(503, 'errors.503.message');
  }
}

import type { RequestHandler } from 'express';
import { UnsupportedMediaTypeError } from '../errors.ts';

// Forms post urlencoded bodies and the API takes JSON; anything else would reach the routes as
// an empty body, so it is refused with a page that says what is accepted.
const ACCEPTED = ['application/x-www-form-urlencoded', 'application/json'];

export const acceptedBodyTypes: RequestHandler = (req, _res, next) => {
  const empty = req.headers['content-length'] === '0';
  // req.is answers null when there is no body at all, false when its type is not listed.
  if (!empty && req.is(ACCEPTED) === false) throw new UnsupportedMediaTypeError();
  next();
};

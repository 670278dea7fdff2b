// Generic HTTP failures, each one status and one problem body: 401 not signed in, 409 still running, 413/415 the body, 422 a reused key, 429 too many requests. Domain failures are
// typed errors of their own modules, mapped by error-handler.ts.
import { ApiError, type ExceptionCode } from '../ogc/exception.ts'

/** A generic failure class: one status, one problem type (its name too). */
function failure(status: number, type: ExceptionCode) {
  return class extends ApiError {
    override name = type
    constructor(message: string) {
      super(status, type, message)
    }
  }
}

/** 401: no valid session or token. */
export class Unauthorized extends failure(401, 'Unauthorized') {
  constructor(message = '请先登录') {
    super(message)
  }
}

/** 409: the first request with this Idempotency-Key is still running. */
export class RequestInProgress extends failure(409, 'RequestInProgress') {}

/** 422: an Idempotency-Key reused for a different request. */
export class IdempotencyKeyReused extends failure(422, 'IdempotencyKeyReused') {}

export class PayloadTooLarge extends failure(413, 'PayloadTooLarge') {}

export class UnsupportedMediaType extends failure(415, 'UnsupportedMediaType') {}

export class TooManyRequests extends failure(429, 'TooManyRequests') {}

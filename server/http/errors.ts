// Generic HTTP failures, each one status and one problem body: 401 not signed in, 403 not allowed,
// 409 still running, 413/415 the body, 422 a reused key, 429 too many requests. Domain failures are
// typed errors of their own modules, mapped by error-handler.ts.
import { ApiError } from '../ogc/exception.ts'

/** 401: no valid session or token. */
export class Unauthorized extends ApiError {
  override name = 'Unauthorized'
  constructor(message = '请先登录') {
    super(401, 'Unauthorized', message)
  }
}

/** 403: signed in, but the role, the ownership or the request's origin forbids it. */
export class Forbidden extends ApiError {
  override name = 'Forbidden'
  constructor(message: string) {
    super(403, 'Forbidden', message)
  }
}

/** 409: the first request with this Idempotency-Key is still running. */
export class RequestInProgress extends ApiError {
  override name = 'RequestInProgress'
  constructor(message: string) {
    super(409, 'RequestInProgress', message)
  }
}

/** 422: an Idempotency-Key reused for a different request. */
export class IdempotencyKeyReused extends ApiError {
  override name = 'IdempotencyKeyReused'
  constructor(message: string) {
    super(422, 'IdempotencyKeyReused', message)
  }
}

export class PayloadTooLarge extends ApiError {
  override name = 'PayloadTooLarge'
  constructor(message: string) {
    super(413, 'PayloadTooLarge', message)
  }
}

export class UnsupportedMediaType extends ApiError {
  override name = 'UnsupportedMediaType'
  constructor(message: string) {
    super(415, 'UnsupportedMediaType', message)
  }
}

export class TooManyRequests extends ApiError {
  override name = 'TooManyRequests'
  constructor(message: string) {
    super(429, 'TooManyRequests', message)
  }
}

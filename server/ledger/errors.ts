// The ledger API's failures, each one status and one problem body (ledger-api: 400 names the field,
// 401 not signed in, 403 not allowed, 409 says what is allowed now). Pure.
import { ApiError } from '../ogc/exception.ts'

export interface FieldError {
  field: string // the request body's key, dotted for nested ones: lngLat.0
  message: string
}

/** 400: the body (or a query parameter of /api) is malformed; `errors` names each field. */
export class InvalidInput extends ApiError {
  override name = 'InvalidInput'
  readonly errors: FieldError[]
  constructor(errors: FieldError[]) {
    const first = errors[0]
    super(
      400,
      'InvalidBody',
      first ? `字段 ${first.field || '（请求体）'} 无效：${first.message}` : '请求无效',
    )
    this.errors = errors
    this.extra = { errors }
  }
}

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

/** 409: wrong transition or stale version; says what the issue allows now and how it is. */
export class Conflict extends ApiError {
  override name = 'Conflict'
  constructor(message: string, allowed: readonly string[], current: unknown) {
    super(409, 'Conflict', message)
    this.extra = { allowed: [...allowed], current }
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

/** 400 from an import: row-level errors, nothing imported. */
export class ImportFailed extends ApiError {
  override name = 'ImportFailed'
  constructor(errors: readonly { row: number; column: string; message: string }[]) {
    super(
      400,
      'ImportFailed',
      `导入失败：共 ${errors.length} 处错误，未导入任何数据；请按行号修改后重新上传`,
    )
    this.extra = { errors: [...errors] }
  }
}

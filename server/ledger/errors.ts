// The ledger API's failures, each one status and one problem body (ledger-api: 400 names the field,
// 401 not signed in, 403 not allowed, 409 says what is allowed now). Pure.
import { ApiError } from '../ogc/exception.ts'

// the generic HTTP failures live with the HTTP layer; re-exported for the ledger's callers
export {
  Forbidden,
  IdempotencyKeyReused,
  PayloadTooLarge,
  RequestInProgress,
  TooManyRequests,
  Unauthorized,
  UnsupportedMediaType,
} from '../http/errors.ts'

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

/** 409: wrong transition or stale version; says what the issue allows now and how it is. */
export class Conflict extends ApiError {
  override name = 'Conflict'
  constructor(message: string, allowed: readonly string[], current: unknown) {
    super(409, 'Conflict', message)
    this.extra = { allowed: [...allowed], current }
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

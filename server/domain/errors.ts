// The failures a use case reports in its own terms: bad input (naming the field), not allowed, a
// state that forbids the action, a rejected import or file. http/error-handler.ts alone turns each
// into a status and a problem answer. Pure.

export interface FieldError {
  field: string // the request body's key, dotted for nested ones: lngLat.0
  message: string
}

/** Input a user can correct: each field and what is wrong with it. */
export class InvalidInput extends Error {
  override name = 'InvalidInput'
  readonly errors: FieldError[]
  constructor(errors: FieldError[]) {
    const first = errors[0]
    super(first ? `字段 ${first.field || '（请求体）'} 无效：${first.message}` : '请求无效')
    this.errors = errors
  }
}

/** Signed in, but the role, the scope or the ownership does not allow it. */
export class Forbidden extends Error {
  override name = 'Forbidden'
}

/** The record's state does not allow the action now: what it allows, and how it is. */
export class Conflict extends Error {
  override name = 'Conflict'
  readonly allowed: string[]
  readonly current: unknown
  constructor(message: string, allowed: readonly string[], current: unknown) {
    super(message)
    this.allowed = [...allowed]
    this.current = current
  }
}

export interface ImportError {
  row: number
  column: string
  message: string
}

/** An import with row-level errors: nothing was imported. `report`: what a dry run would show. */
export class ImportFailed extends Error {
  override name = 'ImportFailed'
  readonly errors: ImportError[]
  readonly report: unknown
  constructor(errors: readonly ImportError[], report?: unknown) {
    super(`导入失败：共 ${errors.length} 处错误，未导入任何数据；请按行号修改后重新上传`)
    this.errors = [...errors]
    this.report = report
  }
}

/** An uploaded file (photo, document) over its size limit. */
export class FileTooLarge extends Error {
  override name = 'FileTooLarge'
}

/** An uploaded file of a type that is not accepted here. */
export class FileTypeRejected extends Error {
  override name = 'FileTypeRejected'
}

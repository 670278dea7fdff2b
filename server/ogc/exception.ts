// Typed API errors and their one JSON body: RFC 9457 problem details plus OGC's `code`/`description`
// (exception.yaml of OGC API Features 1.0), so a single body satisfies both. Pure.

export type ExceptionCode =
  | 'InvalidParameterValue'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'PayloadTooLarge'
  | 'BadRequest'
  | 'NoApplicableCode'
  // the ledger API (/api/…)
  | 'InvalidBody'
  | 'Unauthorized'
  | 'Forbidden'
  | 'Conflict'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'ImportFailed'
  | 'RequestInProgress'
  | 'IdempotencyKeyReused'

export class ApiError extends Error {
  readonly status: number
  readonly code: ExceptionCode
  /** the query parameter at fault, echoed as `parameter` in the body */
  readonly parameter?: string
  /** extension members of the problem body: `errors`, `allowed`, `current` … */
  extra?: Record<string, unknown>

  constructor(status: number, code: ExceptionCode, message: string, parameter?: string) {
    super(message)
    this.status = status
    this.code = code
    if (parameter !== undefined) this.parameter = parameter
  }
}

/** 400: an unknown, repeated or malformed query parameter. The message names the parameter. */
export class InvalidParameter extends ApiError {
  override name = 'InvalidParameter'
  constructor(parameter: string, message: string) {
    super(400, 'InvalidParameterValue', message, parameter)
  }
}

/** 404: an unknown collection, feature or path. */
export class NotFound extends ApiError {
  override name = 'NotFound'
  constructor(message: string) {
    super(404, 'NotFound', message)
  }
}

/** 406: no representation matches the Accept header or `f`. */
export class NotAcceptable extends ApiError {
  override name = 'NotAcceptable'
  constructor(message: string) {
    super(406, 'NotAcceptable', message)
  }
}

/** 405: the path exists but only answers GET/HEAD. */
export class MethodNotAllowed extends ApiError {
  override name = 'MethodNotAllowed'
  constructor(method: string) {
    super(405, 'MethodNotAllowed', `不支持 ${method} 方法，只读接口仅支持 GET/HEAD`)
  }
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string // OGC exception.yaml
  description: string // OGC exception.yaml
  parameter?: string // RFC 9457 extension member: the offending query parameter
  [extension: string]: unknown // errors, allowed, current (ledger API)
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
}

const codesByStatus: Record<number, ExceptionCode> = {
  400: 'BadRequest',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
}

/** The problem body for a status and message; `type` stays about:blank, `code` carries the kind. */
export function toProblem(
  status: number,
  detail: string,
  code?: ExceptionCode,
  parameter?: string,
): Problem {
  const problem: Problem = {
    type: 'about:blank',
    title: titles[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    code: code ?? codesByStatus[status] ?? 'NoApplicableCode',
    description: detail,
  }
  if (parameter !== undefined) problem.parameter = parameter
  return problem
}

export function apiErrorToProblem(err: ApiError): Problem {
  return { ...toProblem(err.status, err.message, err.code, err.parameter), ...err.extra }
}

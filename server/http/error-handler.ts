// Every error becomes an application/problem+json body (ogc/exception.ts), for the OGC API and the
// ledger's /api alike. Client mistakes keep their 4xx status; anything unexpected is a 500 whose
// details go to the log, not to the client.
import type { ErrorRequestHandler, RequestHandler } from 'express'
import {
  Conflict,
  FileTooLarge,
  FileTypeRejected,
  Forbidden,
  ImportFailed,
  InvalidInput,
} from '../domain/errors.ts'
import { InvalidTransition } from '../domain/issue.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import { GridsConflict } from '../grids/grids-conflict.ts'
import { ApiError, apiErrorToProblem, NotFound, type Problem, toProblem } from '../ogc/exception.ts'
import { mediaTypes } from '../ogc/links.ts'
import { PlanningInputError, PlanningInputErrors } from '../planning/planning-errors.ts'
import { DuplicatePlanName } from '../storage/plan-store.ts'
import {
  DuplicateId,
  DuplicateUser,
  IssueNotFound,
  StaleCursor,
  VersionConflict,
} from '../storage/store-errors.ts'
import type { LogLine } from './request-log.ts'

interface HttpishError {
  status?: unknown
  statusCode?: unknown
  type?: unknown
  message?: unknown
  expose?: unknown
}

// body-parser and router error types → a sentence for the client
const clientErrorDetails: Record<string, string> = {
  'entity.parse.failed': '请求体不是有效的 JSON',
  'entity.too.large': '请求体过大',
  'encoding.unsupported': '不支持的请求体编码',
  'charset.unsupported': '不支持的请求体字符集',
  'request.aborted': '请求被中断',
  'request.size.invalid': '请求体长度与 Content-Length 不符',
}

/** 400 naming each field (the ledger API's answer to input a user can correct). */
const invalidInput = (err: InvalidInput): Problem => ({
  ...toProblem(400, err.message, 'InvalidBody'),
  errors: err.errors,
})

function problemFor(err: unknown): Problem {
  if (err instanceof ApiError) return apiErrorToProblem(err)
  // the use cases' own failures (domain/errors.ts)
  if (err instanceof InvalidInput) return invalidInput(err)
  if (err instanceof Forbidden) return toProblem(403, err.message, 'Forbidden')
  if (err instanceof Conflict) {
    return {
      ...toProblem(409, err.message, 'Conflict'),
      allowed: err.allowed,
      current: err.current,
    }
  }
  if (err instanceof ImportFailed) {
    const problem: Problem = { ...toProblem(400, err.message, 'ImportFailed'), errors: err.errors }
    if (err.report !== undefined) problem.report = err.report
    return problem
  }
  if (err instanceof FileTooLarge) return toProblem(413, err.message, 'PayloadTooLarge')
  if (err instanceof FileTypeRejected) return toProblem(415, err.message, 'UnsupportedMediaType')
  // store and domain failures that a route did not translate itself
  if (err instanceof IssueNotFound || err instanceof RecordNotFound) {
    return toProblem(404, err.message, 'NotFound')
  }
  if (err instanceof GridsConflict) {
    return { ...toProblem(409, err.message, 'Conflict'), gridsVersion: err.gridsVersion }
  }
  if (err instanceof VersionConflict || err instanceof InvalidTransition) {
    return toProblem(409, `${err.message}；请刷新后重试`, 'Conflict')
  }
  if (err instanceof StaleCursor) {
    return toProblem(400, err.message, 'InvalidParameterValue', 'cursor')
  }
  if (err instanceof DuplicateId || err instanceof DuplicateUser) {
    return toProblem(409, err.message, 'Conflict')
  }
  // planning: input a planner can correct names the field; a taken plan name asks for another
  if (err instanceof PlanningInputError) {
    return invalidInput(new InvalidInput([{ field: err.field ?? '', message: err.message }]))
  }
  if (err instanceof PlanningInputErrors) return invalidInput(new InvalidInput(err.errors))
  if (err instanceof DuplicatePlanName) {
    return toProblem(409, `${err.message}，请换一个名称`, 'Conflict')
  }
  const e = (err ?? {}) as HttpishError
  const status = Number(e.status ?? e.statusCode)
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    const known = typeof e.type === 'string' ? clientErrorDetails[e.type] : undefined
    const message = e.expose !== false && typeof e.message === 'string' ? e.message : ''
    const detail =
      known ??
      (err instanceof URIError || /decode/i.test(message)
        ? '路径中的百分号编码无效'
        : `请求无效：${message}`)
    const problem = toProblem(status, detail)
    // an unparsable JSON body: the ledger API's 400s name the field, here the body as a whole
    if (e.type === 'entity.parse.failed') problem.errors = [{ field: '', message: detail }]
    return problem
  }
  return toProblem(500, '服务器内部错误，详情已记录在服务器日志中')
}

export function errorHandler(log: LogLine): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err) // mid-stream: let Express close the connection
    const problem = problemFor(err)
    if (problem.status >= 500) {
      log(
        `ERROR ${req.method} ${req.originalUrl}: ${err instanceof Error ? err.stack : String(err)}`,
      )
    }
    res.status(problem.status).type(mediaTypes.problem).send(JSON.stringify(problem))
  }
}

/** Last route: nothing matched. */
export const notFoundHandler: RequestHandler = (req) => {
  throw new NotFound(
    `没有这个路径：${req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path}`,
  )
}

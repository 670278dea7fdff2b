// Request bodies and /api query strings through zod: a 400 names each bad field in Chinese, a body
// that is not JSON is a 415, and an unknown field is an error rather than silently ignored.
import type { Request, RequestHandler } from 'express'
import { type ZodError, type ZodType, z } from 'zod'
import { type FieldError, InvalidInput } from '../domain/errors.ts'
import type { User } from '../domain/roles.ts'
import { writerOf } from './auth.ts'
import { UnsupportedMediaType } from './errors.ts'

const zhCN = z.locales.zhCN()

export function toFieldErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const field = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: field ? `${field}.${key}` : key,
        message: '不允许的字段',
      }))
    }
    return [{ field, message: issue.message }]
  })
}

/** The JSON body, validated. */
export function parseJsonBody<T>(schema: ZodType<T>, req: Request): T {
  const hasBody =
    Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined
  if (req.body === undefined && hasBody && !req.is('application/json')) {
    throw new UnsupportedMediaType('请求体须为 JSON（Content-Type: application/json）')
  }
  if (req.body === undefined) throw new InvalidInput([{ field: '', message: '缺少 JSON 请求体' }])
  const result = schema.safeParse(req.body, { error: zhCN.localeError })
  if (!result.success) throw new InvalidInput(toFieldErrors(result.error))
  return result.data
}

/**
 * A write route's handler: the signed-in writer (401/403 first), the JSON body by the schema, then
 * what `act` answers, as JSON with `status`.
 */
export function jsonWrite<T>(
  schema: ZodType<T>,
  act: (user: User, input: T, req: Request) => Promise<unknown>,
  status = 200,
): RequestHandler {
  return async (req, res) => {
    const user = writerOf(res)
    const input = parseJsonBody(schema, req)
    res.status(status).json(await act(user, input, req))
  }
}

/** Query parameters, validated (Express's simple parser: a repeated key becomes an array). */
export function parseApiQuery<T>(schema: ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw, { error: zhCN.localeError })
  if (!result.success) throw new InvalidInput(toFieldErrors(result.error))
  return result.data
}

/** An uploaded file: its raw bytes and the type the request declares (the service checks both). */
export function rawUpload(req: Request): { contentType: string | undefined; bytes: Buffer } {
  return { contentType: req.get('content-type'), bytes: rawBody(req) }
}

/** A raw request body (uploads), or an empty buffer when there was none. */
export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
}

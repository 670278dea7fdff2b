// Request bodies and /api query strings through zod: a 400 names each bad field in Chinese, a body
// that is not JSON is a 415, and an unknown field is an error rather than silently ignored.
import type { Request } from 'express'
import { type ZodError, type ZodType, z } from 'zod'
import { type FieldError, InvalidInput } from '../domain/errors.ts'
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

/** Query parameters, validated (Express's simple parser: a repeated key becomes an array). */
export function parseApiQuery<T>(schema: ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw, { error: zhCN.localeError })
  if (!result.success) throw new InvalidInput(toFieldErrors(result.error))
  return result.data
}

/** A raw request body (uploads), or an empty buffer when there was none. */
export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
}

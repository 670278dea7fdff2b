// The /api routes as a table: one row per operation — method, path, summary, who may call it, the
// zod schemas its route validates with, its answer and its error statuses — turned into OpenAPI
// operation objects here, so each request schema has one source (the route's own zod schema).
import { type ZodType, z } from 'zod'
import {
  errors,
  type Json,
  jsonBody,
  type Operation,
  operation,
  type PathItems,
  queryParameters,
  requestSchema,
  security,
} from './common.ts'

type ErrorStatus = Parameters<typeof errors>[number]
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Who may call: `public` anyone (no credentials), the rest as in common.ts's security lists. */
export type Who = 'public' | keyof typeof security

/** A query the route parses with a strict zod object (see queryParameters). */
export interface QueryDoc {
  schema: ZodType
  describe?: Record<string, string>
  overrides?: Record<string, Json>
}

export interface Route {
  /** "METHOD path" as the completeness test lists routes; OpenAPI {name} for path parameters. */
  route: `${Uppercase<Method>} /api${string}`
  operationId: string
  /** Chinese, one line. */
  summary: string
  description?: string
  /** Defaults to the group's tag; exports add the Exchange tag. */
  tags?: string[]
  who: Who
  /** Path parameters (pathParameter()), documented before the query. */
  params?: Json[]
  query?: ZodType | QueryDoc
  /** Parameters that no zod schema describes, after the query. */
  parameters?: Json[]
  /** The JSON body: the route's zod schema (or, where none exists, a JSON schema) and an example the tests send. */
  body?: { schema: ZodType | Json; example: unknown; description?: string }
  /** A body that is not JSON (photo upload, file import). */
  requestBody?: Json
  /** The success answer (jsonResponse, fileResponse, noContent …) under `status` (200). */
  ok: Json
  status?: number
  /** Other non-error answers (204, 304 …). */
  responses?: Json
  errors: ErrorStatus[]
}

const securityOf = (who: Who): Json[] => (who === 'public' ? [{}] : security[who])

const isZod = (schema: unknown): schema is ZodType => schema instanceof z.ZodType

function parametersOf(route: Route): Json[] {
  const query = route.query
    ? isZod(route.query)
      ? queryParameters(route.query)
      : queryParameters(route.query.schema, route.query.describe, route.query.overrides)
    : []
  return [...(route.params ?? []), ...query, ...(route.parameters ?? [])]
}

function requestBodyOf(route: Route): Json | undefined {
  if (route.requestBody) return route.requestBody
  if (!route.body) return undefined
  const { schema, example, description } = route.body
  return jsonBody(isZod(schema) ? requestSchema(schema) : schema, example, description)
}

/** One row as an operation; non-GET ones get the CSRF header and, for sessions, Idempotency-Key. */
export function toOperation(tag: string, route: Route): Operation {
  const { method } = where(route)
  const parameters = parametersOf(route)
  const requestBody = requestBodyOf(route)
  return operation(method, {
    tags: route.tags ?? [tag],
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security: securityOf(route.who),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(route.status ?? 200)]: route.ok,
      ...route.responses,
      ...errors(...route.errors),
    },
  })
}

/** The method and OpenAPI path of a row. */
export function where(route: Route): { method: Method; path: string } {
  const [method, path] = route.route.split(' ') as [string, string]
  return { method: method.toLowerCase() as Method, path }
}

/** A group's rows as OpenAPI paths, in table order; a method listed twice is a programming error. */
export function toPaths(tag: string, routes: readonly Route[]): PathItems {
  const paths: PathItems = {}
  for (const route of routes) {
    const { method, path } = where(route)
    paths[path] ??= {}
    const item = paths[path] as Record<string, Operation>
    if (item[method]) throw new Error(`${route.route} is listed twice`)
    item[method] = toOperation(tag, route)
  }
  return paths
}

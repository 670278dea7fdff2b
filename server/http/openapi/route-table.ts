// The /api routes as a table: one row per operation — method, path, summary, who may call it, the
// zod schemas its route validates with, its answer and the error statuses particular to it — turned into OpenAPI
// operation objects here, so each request schema has one source (the route's own zod schema).
import { type ZodType, z } from 'zod'
import {
  bytesBody,
  bytesResponse,
  fileResponse,
  type Json,
  jsonResponse,
  noContent,
  type OpenApiPart,
  type Operation,
  type PathItems,
  pathParameter,
  ref,
  requestSchema,
  security,
  zodOptions,
} from './common.ts'

type ErrorStatus = keyof typeof errorResponseNames

interface ObjectSchema {
  properties?: Record<string, Json>
  required?: string[]
}

/**
 * The query parameters of a strict zod object schema. Numbers arrive as digit strings and are
 * parsed by a transform, so their type, range and default come from the parsed (output) side;
 * everything else is documented as sent. `overrides` patch a parameter's schema where a range sits
 * inside a nested pipe that the output side cannot show.
 */
function queryParameters(
  schema: ZodType,
  descriptions: Record<string, string> = {},
  overrides: Record<string, Json> = {},
): Json[] {
  const input = z.toJSONSchema(schema, { ...zodOptions, io: 'input' }) as ObjectSchema
  const output = z.toJSONSchema(schema, { ...zodOptions, io: 'output' }) as ObjectSchema
  const required = new Set(input.required ?? [])
  return Object.entries(input.properties ?? {}).map(([name, sent]) => {
    const parsed = output.properties?.[name]
    const numeric = parsed?.type === 'number' || parsed?.type === 'integer'
    const digitsOnly = typeof sent.pattern === 'string' && !sent.pattern.includes('.')
    const documented = numeric
      ? { ...parsed, type: digitsOnly ? 'integer' : parsed.type }
      : { ...sent, ...(parsed && 'default' in parsed ? { default: parsed.default } : {}) }
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(descriptions[name] ? { description: descriptions[name] } : {}),
      schema: { ...documented, ...overrides[name] },
    }
  })
}

const errorResponseNames = {
  400: 'BadInput',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'ApiNotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'IdempotencyKeyReused',
  429: 'TooManyRequests',
} as const

/** The problem+json responses of an /api operation (500 always). */
function errors(statuses: Iterable<ErrorStatus>): Json {
  return Object.fromEntries([
    ...Array.from(statuses, (s) => [String(s), ref('responses', errorResponseNames[s])]),
    ['500', ref('responses', 'ServerError')],
  ])
}

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
  /** The JSON body: the route's own zod schema and an example (the tests send it to the server). */
  body?: { schema: ZodType; example: unknown; description?: string }
  /** A body that is not JSON (photo upload, file import). */
  requestBody?: Json
  /** The success answer (jsonResponse, fileResponse, noContent …) under `status` (200). */
  ok: Json
  status?: number
  /** Other non-error answers (204, 304 …). */
  responses?: Json
  /**
   * Error statuses beyond those the row already implies (see impliedErrors). Helpers that set them
   * (fileUpload, formatDownload …) take the row's others as `also`, as a later `errors` replaces theirs.
   */
  errors?: ErrorStatus[]
}

const securityOf = (who: Who): Json[] => (who === 'public' ? [{}] : security[who])

function parametersOf(route: Route): Json[] {
  const query = route.query
    ? route.query instanceof z.ZodType
      ? queryParameters(route.query)
      : queryParameters(route.query.schema, route.query.describe, route.query.overrides)
    : []
  return [...(route.params ?? []), ...query, ...(route.parameters ?? [])]
}

function requestBodyOf(route: Route): Json | undefined {
  if (route.requestBody) return route.requestBody
  if (!route.body) return undefined
  const { schema, example, description } = route.body
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema: requestSchema(schema), example } },
  }
}

/**
 * The statuses every row of its kind answers, so rows list only their own: 401 for bad or missing
 * credentials, 403 for a write without X-Requested-With, 400 for a query or JSON body that fails its
 * zod schema and 415 for a body that is not JSON (http/body.ts).
 */
function impliedErrors(route: Route, method: Method): ErrorStatus[] {
  return [
    ...(route.query || route.body ? [400 as const] : []),
    ...(route.who === 'public' || route.who === 'anyoneWrites' ? [] : [401 as const]),
    ...(method === 'get' ? [] : [403 as const]),
    ...(route.body ? [415 as const] : []),
  ]
}

const csrfParameter = ref('parameters', 'XRequestedWith')
const idempotencyKeyParameter = ref('parameters', 'IdempotencyKey')

/**
 * One row as an operation. Non-GET ones get the X-Requested-With header parameter; those a session
 * may send (a signed-in user) also the optional Idempotency-Key header with its 409 (first request
 * still running) and 422 (key reused for another request) answers (http/idempotency.ts).
 */
export function toOperation(tag: string, route: Route): Operation {
  const { method } = where(route)
  const security = securityOf(route.who)
  const idempotent = method !== 'get' && security.some((requirement) => 'session' in requirement)
  const parameters = [
    ...parametersOf(route),
    ...(method === 'get' ? [] : [csrfParameter]),
    ...(idempotent ? [idempotencyKeyParameter] : []),
  ]
  const requestBody = requestBodyOf(route)
  const statuses = new Set<ErrorStatus>([
    ...impliedErrors(route, method),
    ...(route.errors ?? []),
    ...(idempotent ? ([409, 422] as const) : []),
  ])
  return {
    tags: route.tags ?? [tag],
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(route.status ?? 200)]: route.ok,
      ...errors(statuses),
      ...route.responses, // may replace an error's answer (an import's 400)
    },
  }
}

/** 201 Created with what the request made, as JSON. */
export const created = (description: string, schema: Json): Pick<Route, 'status' | 'ok'> => ({
  status: 201,
  ok: jsonResponse(description, schema),
})

/** 204: done, nothing to answer (a deletion, signing out). */
export const noContentAnswer: Pick<Route, 'status' | 'ok'> = { status: 204, ok: noContent }

/**
 * An all-or-nothing file import: the file as raw bytes, and a 400 that lists by row what is wrong
 * in it (ImportFailed) in place of the plain BadInput.
 */
export const fileImport = (
  mediaTypes: readonly string[],
): Pick<Route, 'requestBody' | 'responses' | 'errors'> => ({
  requestBody: bytesBody(mediaTypes),
  responses: { '400': ref('responses', 'ImportFailed') },
  errors: [413, 415],
})

/**
 * A file sent as raw bytes and kept (a photo, a document, a spreadsheet): 201 with what was stored,
 * 413 when it is too large, 415 when its bytes are none of the media types. `also`: the route's
 * other error statuses (404 for the record it belongs to, 409 …).
 */
export const fileUpload = (
  mediaTypes: readonly string[],
  also: ErrorStatus[] = [],
): Pick<Route, 'requestBody' | 'status' | 'errors'> => ({
  requestBody: bytesBody(mediaTypes),
  status: 201,
  errors: [400, ...also, 413, 415],
})

/**
 * A download in one of several formats, named by the path's last parameter {format} (extension →
 * media type): the parameter lists the extensions, the answer their media types, 404 any other
 * format. `params`: the path parameters before it; `also`: the route's other error statuses.
 */
export const formatDownload = (
  description: string,
  formats: Readonly<Record<string, string>>,
  params: Json[] = [],
  also: ErrorStatus[] = [],
): Pick<Route, 'params' | 'ok' | 'errors'> => ({
  params: [
    ...params,
    pathParameter('format', '文件格式', { type: 'string', enum: Object.keys(formats) }),
  ],
  ok: fileResponse(description, Object.values(formats)),
  errors: [...also, 404],
})

/**
 * A stored file served as it was uploaded (photo, document), named by the path parameter `id`:
 * 404 when there is none. `also`: the route's other error statuses.
 */
export const storedFile = (
  id: Json,
  description: string,
  mediaTypes: readonly string[],
  also: ErrorStatus[] = [],
): Pick<Route, 'params' | 'ok' | 'errors'> => ({
  params: [id],
  ok: bytesResponse(description, mediaTypes),
  errors: [...also, 404],
})

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

/** A group of rows as its part of the document, all under one tag unless a row says otherwise. */
export const toPart = (tag: string, routes: readonly Route[]): OpenApiPart => ({
  paths: toPaths(tag, routes),
})

// The only client module that calls the data service: OGC API – Features collections (GeoJSON,
// following `next` links) and the JSON `/api/` of the ledger. Every failure becomes an ApiError
// whose message is plain Chinese and says what to do.
import type { FeatureCollection, Geometry } from 'geojson'

export interface OgcLink {
  href: string
  rel: string
  type?: string
  title?: string
}

/** One page of `/collections/{id}/items` (OGC API – Features Part 1, GeoJSON encoding). */
export interface FeaturePage<G extends Geometry | null = Geometry, P = Record<string, unknown>>
  extends FeatureCollection<G, P> {
  numberMatched?: number
  numberReturned?: number
  timeStamp?: string
  links?: OgcLink[]
}

export interface LoadProgress {
  loaded: number // features received so far
  total?: number // numberMatched of the first page, when the server sends it
}

export interface FetchCollectionOptions {
  signal?: AbortSignal
  onProgress?: (progress: LoadProgress) => void
  pageSize?: number // requested `limit`; the server may clamp it and page with `next`
  fetchImpl?: typeof fetch
  baseUrl?: string // defaults to the document's base URL, so the app works under a sub-path
}

/** One invalid field of a 400 answer: `field` is the request body's key, `message` is Chinese. */
export interface FieldError {
  field: string
  message: string
}

/** The RFC 9457 problem body the `/api/` endpoints answer errors with (see ledger-api). */
export interface Problem {
  title?: string
  status?: number
  detail?: string
  code?: string
  description?: string
  errors?: unknown[]
  allowed?: string[] // 409: the actions the issue allows now
  current?: unknown // 409: the issue as it is now
}

/** A failed data request; `message` is shown to the user as is. */
export class ApiError extends Error {
  readonly status: number | undefined
  readonly detail: string | undefined
  readonly problem: Problem | undefined
  constructor(message: string, status?: number, detail?: string, problem?: Problem) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
    this.problem = problem
  }

  /** Field errors of a 400 answer (`errors: [{ field, message }]`). */
  get fieldErrors(): FieldError[] {
    return (this.problem?.errors ?? []).filter(
      (e): e is FieldError =>
        typeof (e as FieldError)?.field === 'string' &&
        typeof (e as FieldError)?.message === 'string',
    )
  }
}

const maxPages = 200 // 200 pages × 10,000 features is far beyond any collection we serve

/** Fetches every feature of a collection, page by page. */
export async function fetchCollection<
  G extends Geometry | null = Geometry,
  P = Record<string, unknown>,
>(collectionId: string, options: FetchCollectionOptions = {}): Promise<FeaturePage<G, P>> {
  const { signal, onProgress, pageSize = 10_000, fetchImpl = globalThis.fetch } = options
  const base = options.baseUrl ?? globalThis.document?.baseURI ?? 'http://localhost/'
  let url: string | undefined = new URL(
    `collections/${encodeURIComponent(collectionId)}/items?limit=${pageSize}`,
    base,
  ).href
  const seen = new Set<string>()
  let first: FeaturePage<G, P> | undefined
  const features: FeaturePage<G, P>['features'] = []

  while (url && !seen.has(url) && seen.size < maxPages) {
    seen.add(url)
    const page: FeaturePage<G, P> = await fetchPage<G, P>(url, collectionId, fetchImpl, signal)
    first ??= page
    features.push(...page.features)
    onProgress?.({ loaded: features.length, total: first.numberMatched })
    url = hasMore(page, features.length, first.numberMatched) ? nextPageUrl(page, url) : undefined
  }
  if (!first) throw new ApiError('没有收到数据，请刷新页面重试。')
  return { ...first, features, numberReturned: features.length, links: first.links }
}

/** The absolute URL of the `next` link of a page, if any. */
export function nextPageUrl(page: Pick<FeaturePage, 'links'>, pageUrl: string): string | undefined {
  const next = page.links?.find((link) => link.rel === 'next')
  return next ? new URL(next.href, pageUrl).href : undefined
}

function hasMore(page: FeaturePage<Geometry | null, unknown>, loaded: number, matched?: number) {
  if (page.features.length === 0) return false
  if (matched !== undefined) return loaded < matched
  return page.links?.some((link) => link.rel === 'next') ?? false
}

async function fetchPage<G extends Geometry | null, P>(
  url: string,
  collectionId: string,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<FeaturePage<G, P>> {
  let response: Response
  try {
    response = await fetchImpl(url, {
      headers: { Accept: 'application/geo+json, application/json;q=0.9' },
      signal,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError('无法连接数据服务。请检查网络连接，或确认地图服务已启动，然后点击“重试”。')
  }
  const text = await response.text()
  if (!response.ok) {
    throw new ApiError(
      describeHttpError(response.status, collectionId),
      response.status,
      problemDetail(text),
    )
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ApiError(
      '数据服务返回的内容无法解析。请刷新页面重试；如果仍然出错，请联系系统管理员。',
    )
  }
  if (!isFeatureCollection(body)) {
    throw new ApiError(
      '数据服务返回的不是要素集合（GeoJSON）。请刷新页面重试；如果仍然出错，请联系系统管理员。',
    )
  }
  return body as FeaturePage<G, P>
}

/** A Chinese message for an HTTP error status: what happened and what to do. */
export function describeHttpError(status: number, collectionId: string): string {
  if (status === 404) {
    return `数据服务中找不到图层“${collectionId}”（404）。请确认服务端已加载演示数据，或联系系统管理员。`
  }
  if (status === 400) {
    return `数据请求的参数有误（400），图层“${collectionId}”未能加载。请刷新页面；如果仍然出错，请联系系统管理员。`
  }
  if (status === 401 || status === 403) {
    return `没有访问图层“${collectionId}”的权限（${status}）。请重新登录或联系系统管理员开通权限。`
  }
  if (status === 429) return '请求过于频繁（429）。请稍等片刻后点击“重试”。'
  if (status >= 500) {
    return `数据服务暂时出错（${status}）。请稍后点击“重试”；如果持续出错，请联系系统管理员。`
  }
  return `图层“${collectionId}”加载失败（HTTP ${status}）。请点击“重试”；如果仍然出错，请联系系统管理员。`
}

function problemDetail(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { detail?: unknown; description?: unknown; title?: unknown }
    const detail = body.detail ?? body.description ?? body.title
    return typeof detail === 'string' ? detail : undefined
  } catch {
    return undefined
  }
}

function isFeatureCollection(body: unknown): body is FeaturePage {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((body as { features?: unknown }).features)
  )
}

// ---------------------------------------------------------------------------------------------
// The JSON API under /api/ (ledger, session, exchange)

export interface ApiClientConfig {
  fetchImpl: typeof fetch
  baseUrl?: string // defaults to the document's base URL
}

const apiConfig: ApiClientConfig = { fetchImpl: (input, init) => globalThis.fetch(input, init) }

/** Points the JSON API at another fetch or base URL; tests use it to stub the network. */
export function configureApiClient(config: Partial<ApiClientConfig>): void {
  Object.assign(apiConfig, config)
}

/** An absolute URL under the app's base, e.g. for export links: `apiUrl('api/issues', 'a=1')`. */
export function apiUrl(path: string, query = ''): string {
  const base = apiConfig.baseUrl ?? globalThis.document?.baseURI ?? 'http://localhost/'
  const url = new URL(path.replace(/^\//, ''), base)
  if (query) url.search = query.startsWith('?') ? query : `?${query}`
  return url.href
}

/** A query string of the entries that are set: undefined, null and '' are left out, so an unset
 * filter is absent rather than empty; numbers and booleans as text. */
export function queryString(params: object): string {
  const set = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')
  return new URLSearchParams(set.map(([k, v]) => [k, String(v)])).toString()
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  query?: string // without '?'
  json?: unknown // sent as application/json
  body?: Blob | ArrayBuffer | Uint8Array // sent raw (uploads)
  contentType?: string // Content-Type of a raw body
  signal?: AbortSignal
  action?: string // what the user tried, for messages: 登录, 交办 …
  idempotencyKey?: string // a retried write with this key is answered, not run, again
}

/**
 * Calls a JSON endpoint. Writes carry `X-Requested-With: fetch` (the server's CSRF guard) and the
 * session cookie. Resolves with the parsed body (undefined for 204); rejects with an ApiError.
 */
export async function apiRequest<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? (request.json !== undefined || request.body ? 'POST' : 'GET')
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (method !== 'GET') headers['X-Requested-With'] = 'fetch'
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey
  let body: BodyInit | undefined
  if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(request.json)
  } else if (request.body) {
    headers['Content-Type'] = request.contentType ?? 'application/octet-stream'
    body = request.body as BodyInit
  }
  let response: Response
  try {
    response = await apiConfig.fetchImpl(apiUrl(path, request.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: request.signal,
    })
  } catch (error) {
    if (request.signal?.aborted) throw error
    throw new ApiError('无法连接数据服务。请检查网络连接，或确认地图服务已启动，然后重试。')
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  const parsed = parseJsonText(text)
  if (!response.ok) {
    const problem = problemOf(parsed)
    throw new ApiError(
      describeApiError(response.status, problem, request.action),
      response.status,
      problem.detail ?? problem.description,
      problem,
    )
  }
  if (text && parsed === undefined) {
    throw new ApiError(
      '数据服务返回的内容无法解析。请刷新页面重试；如果仍然出错，请联系系统管理员。',
    )
  }
  return parsed as T
}

/** A response body's text as JSON; undefined when it is empty or not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return undefined
  }
}

/** The problem object of an error response's body; empty when the body is not an object. */
export function problemOf(body: unknown): Problem {
  return (typeof body === 'object' && body !== null ? body : {}) as Problem
}

/**
 * A Chinese message for a failed `/api/` call. The server's `detail` is already plain Chinese and
 * says what to do, so it wins; the fallbacks cover proxies and bodies without one.
 */
export function describeApiError(status: number, problem: Problem = {}, action = '操作'): string {
  const detail = [problem.detail, problem.description].find(
    (d): d is string => typeof d === 'string' && /[\u4e00-\u9fff]/.test(d),
  )
  if (detail) return detail
  switch (status) {
    case 400:
      return `${action}未完成：填写的内容有误，请按提示修改后重试。`
    case 401:
      return '尚未登录或登录已过期，请先登录后重试。'
    case 403:
      return `您当前的账号没有${action}的权限。如需办理，请联系系统管理员。`
    case 404:
      return '找不到该记录，可能已被删除。请刷新后重试。'
    case 409:
      return '该问题刚被他人处理，状态已变化。已重新加载，请确认后再操作。'
    case 413:
      return '文件太大，请压缩到 5 MB 以内后重新上传。'
    case 415:
      return '文件类型不支持，请上传 JPG、PNG 或 WebP 图片（导入台账请用 XLSX 或 CSV）。'
    case 429:
      return '尝试次数过多，请 15 分钟后再试。'
  }
  if (status >= 500)
    return `数据服务暂时出错（${status}），${action}未完成。请稍后重试；如果持续出错，请联系系统管理员。`
  return `${action}失败（HTTP ${status}）。请重试；如果仍然出错，请联系系统管理员。`
}

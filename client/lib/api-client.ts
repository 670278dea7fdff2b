// OGC API – Features client: reads a whole collection as GeoJSON, following `next` links.
// The only client module that calls the data service; every failure becomes an ApiError whose
// message is plain Chinese and says what to do.
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

/** A failed data request; `message` is shown to the user as is. */
export class ApiError extends Error {
  readonly status: number | undefined
  readonly detail: string | undefined
  constructor(message: string, status?: number, detail?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
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

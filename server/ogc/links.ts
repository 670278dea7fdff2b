// Link objects and paging arithmetic. Every href is absolute, built from the public base URL
// (/rec/core/link-header is not used; links live in the body). Pure.

export interface Link {
  href: string
  rel: string
  type?: string
  title?: string
  hreflang?: string
}

export const mediaTypes = {
  json: 'application/json',
  geojson: 'application/geo+json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
  schema: 'application/schema+json',
  html: 'text/html',
  problem: 'application/problem+json',
} as const

export const queryablesRel = 'http://www.opengis.net/def/rel/ogc/1.0/queryables'

type QueryParams = ReadonlyArray<readonly [string, string]>

// commas, slashes and colons are legal in a query (RFC 3986 §3.4) and keep bbox/datetime readable
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%2F/gi, '/').replace(/%3A/gi, ':')
}

/** base + path (+ query). `base` has no trailing slash; `path` starts with `/`. */
export function joinUrl(base: string, path: string, params: QueryParams = []): string {
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeQueryValue(v)}`).join('&')
  return `${base}${path}${query ? `?${query}` : ''}`
}

/** Path of one collection resource, with the id percent-encoded. */
export function collectionPath(collectionId: string, suffix = ''): string {
  return `/collections/${encodeURIComponent(collectionId)}${suffix}`
}

export interface PageOffsets {
  next?: number // offset of the next page; absent on the last page
  prev?: number // offset of the previous page; absent on the first page
}

/** Offsets of the neighbouring pages. `returned` is what this page actually holds. */
export function pageOffsets(
  offset: number,
  limit: number,
  returned: number,
  matched: number,
): PageOffsets {
  const pages: PageOffsets = {}
  if (returned > 0 && offset + returned < matched) pages.next = offset + returned
  if (offset > 0) pages.prev = Math.max(0, Math.min(offset, matched) - limit)
  return pages
}

export interface ItemsLinkInput {
  baseUrl: string
  collectionId: string
  selection: QueryParams // bbox, datetime, filters as sent
  limit: number // effective (clamped) limit
  offset: number
  returned: number
  matched: number // numberMatched, or a lower bound when `hasMore` is given
  /** whether features follow this page, when the store knows it (capped count, keyset) */
  hasMore?: boolean
  /** keyset position of the next page: `next` then carries `cursor` instead of `offset` */
  nextCursor?: string
  /** the request's own cursor: offsets before it are unknown, so no `prev` */
  cursor?: string
}

/** From this offset on, `next` links use the keyset cursor when the store offers one: deep
 * OFFSET pages cost O(offset), cursor pages O(limit). Below it links keep offset (and prev). */
export const cursorFromOffset = 10_000 // features

/** self, next, prev and collection links of an items page (/req/core/fc-links). */
export function itemsLinks(input: ItemsLinkInput): Link[] {
  const { baseUrl, collectionId, selection, limit, offset } = input
  const path = collectionPath(collectionId, '/items')
  const page = (at: number): QueryParams => [
    ...selection,
    ['limit', String(limit)],
    ...(at > 0 ? ([['offset', String(at)]] as const) : []),
  ]
  const atCursor = (cursor: string): QueryParams => [
    ...selection,
    ['limit', String(limit)],
    ['cursor', cursor],
  ]
  const links: Link[] = [
    {
      href: joinUrl(
        baseUrl,
        path,
        input.cursor === undefined ? page(offset) : atCursor(input.cursor),
      ),
      rel: 'self',
      type: mediaTypes.geojson,
      title: '本页',
    },
  ]
  const offsets = pageOffsets(offset, limit, input.returned, input.matched)
  const hasNext = input.hasMore ?? offsets.next !== undefined
  const useCursor =
    input.nextCursor !== undefined &&
    (input.cursor !== undefined || offset + input.returned >= cursorFromOffset)
  const next = !hasNext
    ? undefined
    : useCursor
      ? atCursor(input.nextCursor as string)
      : page(offset + input.returned)
  const prev = input.cursor === undefined ? offsets.prev : undefined
  if (next !== undefined) {
    links.push({
      href: joinUrl(baseUrl, path, next),
      rel: 'next',
      type: mediaTypes.geojson,
      title: '下一页',
    })
  }
  if (prev !== undefined) {
    links.push({
      href: joinUrl(baseUrl, path, page(prev)),
      rel: 'prev',
      type: mediaTypes.geojson,
      title: '上一页',
    })
  }
  links.push({
    href: joinUrl(baseUrl, collectionPath(collectionId)),
    rel: 'collection',
    type: mediaTypes.json,
    title: '所属图层',
  })
  return links
}

/** self and collection links of a single feature (/req/core/f-links). */
export function featureLinks(baseUrl: string, collectionId: string, featureId: string): Link[] {
  return [
    {
      href: joinUrl(
        baseUrl,
        collectionPath(collectionId, `/items/${encodeURIComponent(featureId)}`),
      ),
      rel: 'self',
      type: mediaTypes.geojson,
      title: '本要素',
    },
    {
      href: joinUrl(baseUrl, collectionPath(collectionId)),
      rel: 'collection',
      type: mediaTypes.json,
      title: '所属图层',
    },
  ]
}

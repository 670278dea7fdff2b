import { describe, expect, test } from 'vitest'
import {
  ApiError,
  describeHttpError,
  fetchCollection,
  nextPageUrl,
} from '../../../client/lib/api-client.ts'

const base = 'http://example.test/app/'

function page(ids: string[], matched: number, next?: string) {
  return {
    type: 'FeatureCollection',
    numberMatched: matched,
    numberReturned: ids.length,
    links: next ? [{ rel: 'next', href: next, type: 'application/geo+json' }] : [],
    features: ids.map((id) => ({ type: 'Feature', id, geometry: null, properties: {} })),
  }
}

/** A fetch that answers from a table of URL → [status, body]. */
function fakeFetch(table: Record<string, [number, unknown] | Error>) {
  const calls: { url: string; accept: string | null }[] = []
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    calls.push({ url, accept: new Headers(init?.headers).get('accept') })
    const answer = table[url]
    if (!answer) return new Response('', { status: 404 })
    if (answer instanceof Error) throw answer
    const [status, body] = answer
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })
  }) as typeof fetch
  return { impl, calls }
}

describe('fetchCollection', () => {
  test('asks for GeoJSON relative to the document base, and follows next links', async () => {
    const { impl, calls } = fakeFetch({
      [`${base}collections/issues/items?limit=10000`]: [
        200,
        page(['a', 'b'], 3, '/app/collections/issues/items?limit=2&offset=2'),
      ],
      'http://example.test/app/collections/issues/items?limit=2&offset=2': [200, page(['c'], 3)],
    })
    const progress: number[] = []
    const result = await fetchCollection('issues', {
      fetchImpl: impl,
      baseUrl: base,
      onProgress: (p) => progress.push(p.loaded),
    })
    expect(result.features.map((f) => f.id)).toEqual(['a', 'b', 'c'])
    expect(result.numberReturned).toBe(3)
    expect(progress).toEqual([2, 3])
    expect(calls[0]?.accept).toContain('application/geo+json')
  })

  test('stops when a next link points back to a page already read', async () => {
    const first = `${base}collections/x/items?limit=10000`
    const { impl, calls } = fakeFetch({ [first]: [200, page(['a'], 5, first)] })
    const result = await fetchCollection('x', { fetchImpl: impl, baseUrl: base })
    expect(result.features).toHaveLength(1)
    expect(calls).toHaveLength(1)
  })

  test('an HTTP error becomes a Chinese message with what to do', async () => {
    const { impl } = fakeFetch({
      [`${base}collections/grids/items?limit=10000`]: [
        503,
        { title: 'Service Unavailable', detail: 'db locked' },
      ],
    })
    const error = await fetchCollection('grids', { fetchImpl: impl, baseUrl: base }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.message).toMatch(/数据服务暂时出错（503）.*重试/)
    expect(error.status).toBe(503)
    expect(error.detail).toBe('db locked')
  })

  test('a network failure says to check the connection and retry', async () => {
    const { impl } = fakeFetch({
      [`${base}collections/grids/items?limit=10000`]: new TypeError('Failed to fetch'),
    })
    await expect(fetchCollection('grids', { fetchImpl: impl, baseUrl: base })).rejects.toThrow(
      /无法连接数据服务.*重试/,
    )
  })

  test('a body that is not a FeatureCollection is refused', async () => {
    const { impl } = fakeFetch({ [`${base}collections/grids/items?limit=10000`]: [200, '<html>'] })
    await expect(fetchCollection('grids', { fetchImpl: impl, baseUrl: base })).rejects.toThrow(
      /无法解析/,
    )
  })
})

test.each([
  [404, /找不到图层“issues”（404）/],
  [400, /参数有误（400）/],
  [403, /没有访问.*权限（403）/],
  [500, /暂时出错（500）/],
  [418, /加载失败（HTTP 418）/],
])('HTTP %i is explained in Chinese', (status, message) => {
  expect(describeHttpError(status, 'issues')).toMatch(message)
})

test('nextPageUrl resolves a relative next link against the page URL', () => {
  expect(
    nextPageUrl({ links: [{ rel: 'next', href: '?offset=10' }] }, 'http://h/c/items?limit=10'),
  ).toBe('http://h/c/items?offset=10')
  expect(nextPageUrl({ links: [{ rel: 'self', href: 'x' }] }, 'http://h/')).toBeUndefined()
})

import { afterEach, describe, expect, test } from 'vitest'
import {
  ApiError,
  apiRequest,
  apiUrl,
  configureApiClient,
  describeApiError,
} from '../../../client/lib/api-client.ts'

const base = 'http://example.test/app/'

interface Call {
  url: string
  init: RequestInit
}

/** A fetch answering every call with one status and body; it records what was sent. */
function answer(status: number, body?: unknown) {
  const calls: Call[] = []
  const impl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(input), init })
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(text, { status })
  }) as typeof fetch
  configureApiClient({ fetchImpl: impl, baseUrl: base })
  return calls
}

afterEach(() => configureApiClient({ fetchImpl: globalThis.fetch, baseUrl: undefined }))

describe('apiRequest', () => {
  test('a read is a plain GET relative to the app’s base, with the session cookie', async () => {
    const calls = answer(200, { items: [], total: 0 })
    await expect(apiRequest('api/issues', { query: 'status=fixing' })).resolves.toEqual({
      items: [],
      total: 0,
    })
    expect(calls[0]?.url).toBe('http://example.test/app/api/issues?status=fixing')
    expect(calls[0]?.init.method).toBe('GET')
    expect(calls[0]?.init.credentials).toBe('same-origin')
    expect(new Headers(calls[0]?.init.headers).has('X-Requested-With')).toBe(false)
  })

  test('a write sends JSON with the CSRF header', async () => {
    const calls = answer(201, { id: 'issue-1' })
    await apiRequest('api/issues', { json: { category: 'graffiti' } })
    const headers = new Headers(calls[0]?.init.headers)
    expect(calls[0]?.init.method).toBe('POST')
    expect(headers.get('X-Requested-With')).toBe('fetch')
    expect(headers.get('Content-Type')).toBe('application/json')
    expect(calls[0]?.init.body).toBe('{"category":"graffiti"}')
  })

  test('an upload sends the raw bytes with their own type', async () => {
    const calls = answer(201, { id: 'att-1' })
    const photo = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' })
    await apiRequest('api/issues/x/attachments', { body: photo, contentType: photo.type })
    expect(new Headers(calls[0]?.init.headers).get('Content-Type')).toBe('image/png')
    expect(calls[0]?.init.body).toBe(photo)
  })

  test('DELETE answered 204 resolves with nothing', async () => {
    const calls = answer(204)
    await expect(apiRequest('api/session', { method: 'DELETE' })).resolves.toBeUndefined()
    expect(new Headers(calls[0]?.init.headers).get('X-Requested-With')).toBe('fetch')
  })

  test('a 400 problem becomes an ApiError with its field errors', async () => {
    answer(400, {
      title: 'Bad Request',
      status: 400,
      detail: '整改期限必须晚于当前时间，请重新选择。',
      errors: [{ field: 'deadlineAt', message: '整改期限必须晚于当前时间' }, { bogus: 1 }],
    })
    const error = (await apiRequest('api/issues/x/transitions', { json: {} }).catch(
      (e) => e,
    )) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.message).toBe('整改期限必须晚于当前时间，请重新选择。')
    expect(error.fieldErrors).toEqual([
      { field: 'deadlineAt', message: '整改期限必须晚于当前时间' },
    ])
  })

  test('a 409 keeps the actions the issue allows now', async () => {
    answer(409, { status: 409, detail: '该问题已被他人处理', allowed: ['approve'] })
    const error = (await apiRequest('api/issues/x/transitions', { json: {} }).catch(
      (e) => e,
    )) as ApiError
    expect(error.problem?.allowed).toEqual(['approve'])
  })

  test('a body that is not JSON still gives a Chinese message', async () => {
    answer(502, '<html>Bad Gateway</html>')
    await expect(apiRequest('api/units', { action: '加载责任单位' })).rejects.toThrow(
      '数据服务暂时出错（502），加载责任单位未完成。请稍后重试；如果持续出错，请联系系统管理员。',
    )
  })

  test('a network failure says to check the connection', async () => {
    configureApiClient({
      fetchImpl: (async () => {
        throw new TypeError('Failed to fetch')
      }) as typeof fetch,
    })
    await expect(apiRequest('api/session')).rejects.toThrow(/无法连接数据服务/)
  })
})

describe('describeApiError', () => {
  test('prefers the server’s Chinese detail', () => {
    expect(describeApiError(403, { detail: '只有网格长可以交办本网格的问题。' })).toBe(
      '只有网格长可以交办本网格的问题。',
    )
  })

  test.each([
    [400, /交办未完成/],
    [401, /请先登录/],
    [403, /没有交办的权限/],
    [404, /找不到该记录/],
    [409, /刚被他人处理/],
    [413, /5 MB/],
    [415, /JPG、PNG 或 WebP/],
    [429, /15 分钟后再试/],
    [500, /暂时出错（500）/],
    [418, /交办失败（HTTP 418）/],
  ])('falls back to a message for %i when the detail is English or missing', (status, text) => {
    expect(describeApiError(status, { detail: 'Forbidden' }, '交办')).toMatch(text)
  })
})

test('apiUrl resolves under the app’s sub-path and keeps the query', () => {
  configureApiClient({ baseUrl: base })
  expect(apiUrl('/api/issues/export.csv', 'status=closed')).toBe(
    'http://example.test/app/api/issues/export.csv?status=closed',
  )
  expect(apiUrl('api/attachments/a1')).toBe('http://example.test/app/api/attachments/a1')
})

import { afterEach, describe, expect, test } from 'vitest'
import {
  can,
  getSession,
  loginErrorMessage,
  type SessionUser,
} from '../../../../client/features/session/api.ts'
import { ApiError, configureApiClient } from '../../../../client/lib/api-client.ts'

function buildUser(overrides: Partial<SessionUser> = {}): SessionUser {
  return {
    username: 'inspector',
    displayName: '李督导',
    role: 'inspector',
    permissions: ['issue_report', 'issue_review', 'issue_note'],
    ...overrides,
  }
}

function serve(status: number, body?: unknown) {
  configureApiClient({
    baseUrl: 'http://example.test/',
    fetchImpl: (async () =>
      new Response(body === undefined ? null : JSON.stringify(body), { status })) as typeof fetch,
  })
}

afterEach(() => configureApiClient({ fetchImpl: globalThis.fetch, baseUrl: undefined }))

describe('the session', () => {
  test('a signed-in user comes back from GET /api/session', async () => {
    serve(200, { user: buildUser() })
    await expect(getSession()).resolves.toEqual(buildUser())
  })

  test('401 means a visitor, not an error', async () => {
    serve(401, { status: 401, detail: '请先登录' })
    await expect(getSession()).resolves.toBeNull()
  })

  test('a broken server is still an error', async () => {
    serve(500)
    await expect(getSession()).rejects.toBeInstanceOf(ApiError)
  })

  test.each([
    ['issue_report', true],
    ['issue_assign', false],
  ])('the inspector may %s: %s', (permission, allowed) => {
    expect(can(buildUser(), permission)).toBe(allowed)
  })

  test('a visitor may do nothing', () => {
    expect(can(null, 'issue_report')).toBe(false)
    expect(can(undefined, 'issue_note')).toBe(false)
  })
})

describe('login errors in plain Chinese', () => {
  test.each([
    [new ApiError('Unauthorized', 401), '用户名或密码错误，请重新输入。'],
    [new ApiError('尝试次数过多，请 12 分钟后再试。', 429), '尝试次数过多，请 12 分钟后再试。'],
    [new ApiError('x', 400), '请填写用户名和密码。'],
    [new ApiError('无法连接数据服务。'), '无法连接数据服务。'],
    [new TypeError('boom'), '登录失败，请重试。'],
  ])('%s', (error, message) => {
    expect(loginErrorMessage(error)).toBe(message)
  })
})

// The signed-in user (GET /api/session), login and logout. Anonymous visitors get `null`: with
// READ_ACCESS=public the map stays readable without an account.
import { queryOptions } from '@tanstack/react-query'
import { ApiError, apiRequest } from '../../lib/api-client.ts'

export interface SessionUser {
  username: string
  displayName: string
  role: string
  unitCode?: string
  gridCodes?: string[]
  permissions: string[]
}

export const sessionKeys = { all: ['session'] as const }

export const sessionQuery = () =>
  queryOptions({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000, // the cookie outlives a browsing session; 401s on writes refresh it
    retry: false,
  })

/** The current user, or null when not signed in (401). */
export async function getSession(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    const body = await apiRequest<{ user: SessionUser }>('api/session', { signal })
    return body.user
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

export async function login(username: string, password: string): Promise<SessionUser> {
  const body = await apiRequest<{ user: SessionUser }>('api/session', {
    method: 'POST',
    json: { username, password },
    action: '登录',
  })
  return body.user
}

export async function logout(): Promise<void> {
  await apiRequest<void>('api/session', { method: 'DELETE', action: '退出登录' })
}

/** FixMyStreet-style `verb_object` permission check; anonymous users have none. */
export function can(user: SessionUser | null | undefined, permission: string): boolean {
  return Boolean(user?.permissions.includes(permission))
}

/** What the login form shows for a failed attempt. */
export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '登录失败，请重试。'
  if (error.status === 401) return '用户名或密码错误，请重新输入。'
  if (error.status === 429) return error.message // the server says how long to wait
  if (error.status === 400) return '请填写用户名和密码。'
  return error.message
}

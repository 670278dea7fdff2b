// Who is signed in, and when to ask for a login: at once when the layers need one
// (READ_ACCESS=authenticated), when a write answers 401, or when the user asks.
import { type UseQueryResult, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { issueKeys } from '../../features/issues/api.ts'
import { type SessionUser, sessionQuery } from '../../features/session/api.ts'
import { isLoginNeeded, useLoginPrompt } from '../shared/use-login-prompt.ts'
import type { OverviewCollections } from './use-overview-collections.ts'

/** `session` is the screen's sessionQuery, asked before the layers so it answers first. */
export function useLogin(
  session: UseQueryResult<SessionUser | null>,
  collections: OverviewCollections,
) {
  const queryClient = useQueryClient()
  const user: SessionUser | null | undefined = session.isError ? null : session.data
  // a visitor's layers answer 401 when reading needs a login, so ask straight away
  const login = useLoginPrompt(
    isLoginNeeded(user, Object.values(collections)),
    '本系统需要登录后才能查看地图和问题台账，请先登录。',
  )
  const { close, request } = login
  const onSessionChange = useCallback(() => {
    close()
    // allowedActions depend on who asks: drop the last user's copies rather than show them meanwhile
    void queryClient.resetQueries({ queryKey: issueKeys.all })
    // with READ_ACCESS=authenticated the layers failed with 401 before; load them now
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' })
  }, [queryClient, close])
  const onUnauthorized = useCallback(() => {
    queryClient.setQueryData(sessionQuery().queryKey, null)
    request('登录已过期或尚未登录，请登录后重新提交。')
  }, [queryClient, request])

  return { user, login, requestLogin: request, onSessionChange, onUnauthorized }
}

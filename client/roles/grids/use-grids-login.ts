// When the workspace asks for a login (reads answered 401 to a visitor, or the user asks), and
// what signing in or out resets: what is editable changes, so the drawing and proposal go.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { gridAdminKeys } from '../../features/grid-admin/api.ts'
import type { SessionUser } from '../../features/session/api.ts'
import { isLoginNeeded, useLoginPrompt } from '../shared/use-login-prompt.ts'
import type { GridsData } from './use-grids-data.ts'

export function useGridsLogin(
  user: SessionUser | null | undefined,
  data: GridsData,
  onReset: () => void, // back to the pick tool, no proposal
) {
  const queryClient = useQueryClient()
  const login = useLoginPrompt(
    isLoginNeeded(user, [data.rows, data.shapes]),
    '本系统需要登录后才能查看网格，请先登录。',
  )
  const { close } = login
  const onSessionChange = useCallback(() => {
    close()
    onReset()
    void queryClient.invalidateQueries({ queryKey: gridAdminKeys.all })
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' })
  }, [queryClient, close, onReset])
  return { login, onSessionChange }
}

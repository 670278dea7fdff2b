// The header's account corner: 登录 for visitors; name, role and 退出登录 for a signed-in user.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SessionUser } from './api.ts'
import { logout, sessionKeys } from './api.ts'

export interface UserMenuProps {
  user: SessionUser | null | undefined // undefined while the session loads
  roleLabel: (role: string) => string
  onLoginRequest: () => void
  onLoggedOut: () => void
}

export function UserMenu({ user, roleLabel, onLoginRequest, onLoggedOut }: UserMenuProps) {
  const queryClient = useQueryClient()
  const mutation = useMutation({
    mutationFn: logout,
    onSettled: () => {
      // even a failed logout (e.g. the session had already expired) leaves the user signed out here
      queryClient.setQueryData(sessionKeys.all, null)
      onLoggedOut()
    },
  })
  if (user === undefined) return <span className="user-menu muted">…</span>
  if (!user) {
    return (
      <div className="user-menu">
        <span className="user-menu__who">访客（只读）</span>
        <button
          type="button"
          className="header-button"
          onClick={onLoginRequest}
          data-testid="login-button"
        >
          登录
        </button>
      </div>
    )
  }
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu__who">
        <strong>{user.displayName || user.username}</strong>
        <span className="user-menu__role">{roleLabel(user.role)}</span>
      </span>
      <button
        type="button"
        className="header-button"
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
        data-testid="logout-button"
      >
        退出登录
      </button>
    </div>
  )
}

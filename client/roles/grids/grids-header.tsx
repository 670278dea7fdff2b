// The grids screen's header: title, the 未指派 badge, the totals, 导入网格 for administrators; the
// shared RoleHeader adds the user menu.
import type { SessionUser } from '../../features/session/api.ts'
import type { RoleHeaderProps } from '../shared/role-layout.tsx'

export interface GridsHeaderProps {
  title: string
  unassigned: number | undefined // undefined while loading
  totals: { grids: number; managers: number; units: number } | undefined
  user: SessionUser | null | undefined // undefined while the session loads
  mayImport: boolean
  onImport: () => void
  onLoginRequest: () => void
  onLoggedOut: () => void
}

export function gridsHeader(props: GridsHeaderProps): RoleHeaderProps {
  const { unassigned, totals } = props
  return {
    title: props.title,
    badges: (
      <span
        className={`count-badge${unassigned ? ' is-warn' : ''}`}
        data-testid="unassigned-badge"
        title="没有网格长、网格长已停用或责任单位已停用的网格"
      >
        未指派 {unassigned ?? '…'}
      </span>
    ),
    meta: totals
      ? `共 ${totals.grids} 个网格 · ${totals.managers} 名网格长 · ${totals.units} 个责任单位`
      : '正在连接数据服务…',
    actions: props.mayImport && (
      <button type="button" data-testid="grid-import-open" onClick={props.onImport}>
        导入网格
      </button>
    ),
    user: props.user,
    onLoginRequest: props.onLoginRequest,
    onLoggedOut: props.onLoggedOut,
  }
}

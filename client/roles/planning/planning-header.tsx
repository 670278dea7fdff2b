// The planning screen's header: the title, the 示意数据 badge and the way back to the map; the
// shared RoleHeader adds the user menu.
import type { SessionUser } from '../../features/session/api.ts'
import type { RoleHeaderProps } from '../shared/role-layout.tsx'

export function planningHeader(
  title: string | undefined, // the place's; absent: the generic title
  user: SessionUser | null | undefined, // undefined while the session loads
  onLoginRequest: () => void,
  onLoggedOut: () => void,
  disclaimer: string | undefined, // the layers still 示意 (syntheticDisclaimer); the roads always are
): RoleHeaderProps {
  return {
    title: title ?? '创建规划：示范点、模拟抽检与得分预测',
    badges: (
      <span
        className="planning__badge"
        title={[disclaimer, '道路为示意线路'].filter(Boolean).join('；')}
      >
        示意数据
      </span>
    ),
    actions: (
      <a className="header-button" href="./">
        返回一张图
      </a>
    ),
    user,
    onLoginRequest,
    onLoggedOut,
  }
}

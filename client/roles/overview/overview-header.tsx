// The overview's header: title, when the data was fetched, 上报问题 and the account corner.

import { NotificationBell } from '../../features/notifications/notification-bell.tsx'
import type { SessionUser } from '../../features/session/api.ts'
import { UserMenu } from '../../features/session/user-menu.tsx'
import { formatDateTime } from '../../lib/format.ts'
import { genericTitle, usePlace, usePlaceTitle } from '../../lib/place.ts'
import { roleLabel } from '../../lib/role-label.ts'

interface OverviewHeaderProps {
  updatedAt: string | undefined // the issues collection's timeStamp
  user: SessionUser | null | undefined // undefined while the session loads
  mayReport: boolean
  reporting: boolean
  onReportToggle: () => void
  onLoginRequest: () => void
  onLoggedOut: () => void
}

export function OverviewHeader(props: OverviewHeaderProps) {
  const { updatedAt, reporting } = props
  const place = usePlace()
  usePlaceTitle((t) => t.page)
  return (
    <header className="app-header">
      <h1>{place?.titles.overview ?? genericTitle}</h1>
      <p className="app-header__meta">
        {updatedAt ? `数据获取于 ${formatDateTime(updatedAt)}（北京时间）` : '正在连接数据服务…'}
      </p>
      <div className="app-header__actions">
        {props.mayReport && (
          <button
            type="button"
            className={`header-button is-primary${reporting ? ' is-pressed' : ''}`}
            aria-pressed={reporting}
            data-testid="report-button"
            onClick={props.onReportToggle}
          >
            {reporting ? '取消上报' : '＋ 上报问题'}
          </button>
        )}
        {props.user && <NotificationBell username={props.user.username} />}
        <UserMenu
          user={props.user}
          roleLabel={roleLabel}
          onLoginRequest={props.onLoginRequest}
          onLoggedOut={props.onLoggedOut}
        />
      </div>
    </header>
  )
}

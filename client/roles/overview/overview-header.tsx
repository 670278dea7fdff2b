// The overview's header: title, when the data was fetched, 上报问题 and the account corner.

import { NotificationBell } from '../../features/notifications/notification-bell.tsx'
import type { SessionUser } from '../../features/session/api.ts'
import { formatDateTime } from '../../lib/format.ts'
import { genericTitle, usePlace, usePlaceTitle } from '../../lib/place.ts'
import type { RoleHeaderProps } from '../shared/role-layout.tsx'
import type { ReportDraft } from './use-report-mode.ts'

interface OverviewHeaderProps {
  updatedAt: string | undefined // the issues collection's timeStamp
  user: SessionUser | null | undefined // undefined while the session loads
  mayReport: boolean
  report: ReportDraft | undefined
  setReport: (report: ReportDraft | undefined) => void
  onReportStart: () => void // before the mode starts: e.g. let go of the selection
  onLoginRequest: () => void
  onSessionChange: () => void
}

/** The shared RoleHeader's props for the overview; names the page after the place. */
export function useOverviewHeader(props: OverviewHeaderProps): RoleHeaderProps {
  const { updatedAt, user, setReport } = props
  const reporting = props.report !== undefined
  const place = usePlace()
  usePlaceTitle((t) => t.page)
  return {
    title: place?.titles.overview ?? genericTitle,
    meta: updatedAt ? `数据获取于 ${formatDateTime(updatedAt)}（北京时间）` : '正在连接数据服务…',
    actions: (
      <>
        {props.mayReport && (
          <button
            type="button"
            className={`header-button is-primary${reporting ? ' is-pressed' : ''}`}
            aria-pressed={reporting}
            data-testid="report-button"
            onClick={() => {
              if (reporting) return setReport(undefined)
              props.onReportStart()
              setReport({})
            }}
          >
            {reporting ? '取消上报' : '＋ 上报问题'}
          </button>
        )}
        {user && <NotificationBell username={user.username} />}
      </>
    ),
    user,
    onLoginRequest: props.onLoginRequest,
    onLoggedOut: () => {
      setReport(undefined)
      props.onSessionChange()
    },
  }
}

// The phone app at /m (巡查通): sign in, then 上报 for those who report (督导员, 网格员) and 我的任务 for unit
// operators and 网格员, 复查 for reviewers (督导员, 创建办: before and after photos side by side), one tab bar at the bottom within thumb reach. Installable: it links the web app manifest
// and registers the service worker that keeps the app shell for offline starts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import { roleLabels } from '../../../server/domain/labels-zh.ts'
import { invalidateIssues } from '../../features/issues/api.ts'
import {
  can,
  logout,
  type SessionUser,
  sessionKeys,
  sessionQuery,
} from '../../features/session/api.ts'
import { useLoginForm } from '../../features/session/use-login-form.ts'
import { ApiError } from '../../lib/api-client.ts'
import { fieldQueue, useQueuedJobs } from './field-queue.ts'
import { InspectScreen } from './inspect-screen.tsx'
import { QueueScreen } from './queue-screen.tsx'
import { linkManifest, registerServiceWorker } from './register-service-worker.ts'
import { rememberedUser, rememberUser } from './remembered-user.ts'
import { ReportScreen } from './report-screen.tsx'
import { ReviewScreen } from './review-screen.tsx'
import { TaskScreen } from './task-screen.tsx'
import './mobile.css'
import { usePlace } from '../../lib/place.ts'
import { SubmitForm } from '../../ui/submit-form.tsx'
import { ErrorLine } from './mobile-sheet.tsx'

const tabs = [
  { id: 'report', label: '上报', permission: 'issue_report' },
  { id: 'tasks', label: '我的任务', permission: 'issue_rectify' },
  { id: 'review', label: '复查', permission: 'issue_review' },
  { id: 'inspect', label: '点位测评', permission: 'checkpoint_inspect' },
  { id: 'queue', label: '待发送', permission: undefined }, // shown while the offline queue has jobs
] as const
type TabId = (typeof tabs)[number]['id']

export function MobileScreen() {
  const session = useQuery(sessionQuery())
  const place = usePlace()
  useEffect(() => {
    document.title = place?.titles.mobile ?? '巡查通 · 文明创建'
  }, [place])
  useEffect(() => {
    linkManifest()
    registerServiceWorker()
  }, [])
  // back online: ask again who is signed in (the offline page turns into the app by itself)
  const { refetch } = session
  useEffect(() => {
    const onOnline = () => void refetch()
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [refetch])
  // who signed in is kept on the phone, so the app also opens without a network
  useEffect(() => {
    if (session.isSuccess) rememberUser(session.data)
  }, [session.isSuccess, session.data])
  if (session.isPending) return <div className="m-app m-empty">正在加载…</div>
  if (session.isError) {
    const offline =
      !navigator.onLine || !(session.error instanceof ApiError && session.error.status)
    const remembered = offline ? rememberedUser() : undefined
    if (remembered) return <SignedIn user={remembered} offline />
    return (
      <div className="m-app">
        <header className="m-header">
          <h1>巡查通</h1>
        </header>
        <div className="m-empty" data-testid="m-offline">
          <p className="m-empty__title">{offline ? '当前没有网络' : '暂时无法连接'}</p>
          <p className="m-muted">
            {offline
              ? '巡查通已可离线打开，但首次登录需要联网；登录过的手机离线时也可上报。网络恢复后会自动重新连接。'
              : session.error.message}
          </p>
          <button
            type="button"
            className="m-button m-button--primary"
            onClick={() => session.refetch()}
          >
            重试
          </button>
        </div>
      </div>
    )
  }
  return session.data ? <SignedIn user={session.data} /> : <MobileLogin />
}

/** Loads the offline queue and sends it now, whenever the network returns, and on request. */
function useQueueSending(): () => void {
  const queryClient = useQueryClient()
  const flush = useCallback(() => {
    void fieldQueue.flush().then(() => invalidateIssues(queryClient))
  }, [queryClient])
  useEffect(() => {
    void fieldQueue.load().then(flush)
    window.addEventListener('online', flush)
    return () => window.removeEventListener('online', flush)
  }, [flush])
  return flush
}

/** The app for a user; `offline`: opened without a network for the user remembered on this phone. */
function SignedIn({ user, offline = false }: { user: SessionUser; offline?: boolean }) {
  const queryClient = useQueryClient()
  const flush = useQueueSending()
  const jobs = useQueuedJobs()
  const pending = jobs.filter((j) => j.state !== 'sent').length
  const mine = tabs.filter((t) =>
    t.permission ? can(user, t.permission) : jobs.length > 0 || wantedTab() === t.id,
  )
  const wanted = wantedTab()
  const [tab, setTab] = useState<TabId | undefined>(
    mine.find((t) => t.id === wanted)?.id ?? mine[0]?.id,
  )
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.setQueryData(sessionKeys.all, null),
  })
  return (
    <div className="m-app">
      <header className="m-header">
        <h1>{mine.find((t) => t.id === tab)?.label ?? '巡查通'}</h1>
        <span className="m-header__who" data-testid="m-user">
          {user.displayName} · {(roleLabels as Record<string, string>)[user.role] ?? user.role}
        </span>
        <button type="button" className="m-header__out" onClick={() => signOut.mutate()}>
          退出
        </button>
      </header>
      {offline && (
        <p className="m-offline-banner" role="status" data-testid="m-offline-banner">
          当前没有网络：上报、补充和整改上报先保存在本机“待发送”，联网后自动发送。
        </p>
      )}
      <main className="m-main">
        {tab === 'report' && <ReportScreen recordsRounds={can(user, 'round_edit')} />}
        {tab === 'tasks' && <TaskScreen user={user} />}
        {tab === 'review' && <ReviewScreen username={user.username} />}
        {tab === 'inspect' && <InspectScreen ownPoints={user.role === 'unit-operator'} />}
        {tab === 'queue' && <QueueScreen onFlush={flush} />}
        {!tab && (
          <div className="m-empty">
            <p>此账号在手机端暂无可办事项。</p>
            <a className="m-button m-button--plain" href="./">
              打开电脑版地图
            </a>
          </div>
        )}
      </main>
      {mine.length > 1 && (
        <nav className="m-tabs" aria-label="功能">
          {mine.map((t) => (
            <button
              key={t.id}
              type="button"
              className="m-tabs__tab"
              aria-current={tab === t.id ? 'page' : undefined}
              data-tab={t.id}
              onClick={() => setTab(t.id)}
            >
              {t.label}
              {t.id === 'queue' && pending > 0 && (
                <span className="m-tabs__count" data-testid="m-queue-count">
                  {pending}
                </span>
              )}
            </button>
          ))}
        </nav>
      )}
    </div>
  )
}

const wantedTab = () => new URLSearchParams(location.search).get('tab')

function MobileLogin() {
  const place = usePlace()
  const { usernameInput, passwordInput, error, pending, submit } = useLoginForm()
  return (
    <div className="m-app">
      <SubmitForm className="m-login" noValidate data-testid="m-login" onSubmit={submit}>
        <h1>巡查通</h1>
        <p className="m-muted">
          {place?.titles.mobileSubtitle ?? '文明城市创建 · 现场上报与整改（示意数据）'}
        </p>
        <label className="m-field">
          <span>用户名</span>
          <input {...usernameInput} autoCapitalize="none" />
        </label>
        <label className="m-field">
          <span>密码</span>
          <input {...passwordInput} />
        </label>
        <ErrorLine error={error} />
        <button
          type="submit"
          className="m-button m-button--primary m-button--wide"
          disabled={pending}
        >
          {pending ? '正在登录…' : '登录'}
        </button>
      </SubmitForm>
    </div>
  )
}

// 消息中心 in the header: the unread count on a button; a list with a link to each issue, newest
// first; reading one or all marks them read.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { issuePath } from '../../../server/domain/issue-link.ts'
import { formatDateTime } from '../../lib/format.ts'
import { markRead, type Notification, notificationsQuery } from './api.ts'
import './notifications.css'
import { DisclosureButton } from '../../ui/disclosure-button.tsx'

const kindLabels: Record<Notification['kind'], string> = {
  reminder: '提醒',
  urge: '催办',
  escalation: '升级',
  digest: '汇总',
}

export function NotificationBell({ username }: { username: string }) {
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const inbox = useQuery(notificationsQuery(username))
  const mark = useMutation({
    mutationFn: markRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications', username] }),
  })
  const unread = inbox.data?.unread ?? 0
  return (
    <div className="notifications">
      <DisclosureButton
        open={open}
        onOpenChange={setOpen}
        className="header-button"
        testId="notification-bell"
      >
        消息
        {unread > 0 && (
          <span className="notifications__count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </DisclosureButton>
      {open && (
        <section
          className="notifications__panel"
          aria-label="消息中心"
          data-testid="notification-panel"
        >
          <header className="notifications__head">
            <strong>消息中心</strong>
            <button
              type="button"
              className="text-button"
              disabled={unread === 0 || mark.isPending}
              onClick={() => mark.mutate(undefined)}
            >
              全部标为已读
            </button>
          </header>
          {inbox.isPending && <p className="muted">正在读取消息…</p>}
          {inbox.isError && <p className="form-error">消息读取失败：{inbox.error.message}</p>}
          {inbox.data?.items.length === 0 && (
            <p className="muted">暂无消息。到期提醒、逾期催办和升级通知会出现在这里。</p>
          )}
          <ol className="notifications__list">
            {inbox.data?.items.map((n) => (
              <li key={n.id} className={n.readAt ? 'is-read' : ''}>
                <p className="notifications__title">
                  <span className={`notifications__kind is-${n.kind}`}>{kindLabels[n.kind]}</span>
                  {n.title}
                </p>
                <p className="notifications__body">{n.body}</p>
                <p className="notifications__meta">
                  {formatDateTime(n.createdAt)}
                  {n.issueId && (
                    <a
                      href={`.${issuePath(n.issueId)}`}
                      onClick={() => !n.readAt && mark.mutate([n.id])}
                    >
                      查看问题
                    </a>
                  )}
                  {!n.readAt && (
                    <button
                      type="button"
                      className="text-button"
                      onClick={() => mark.mutate([n.id])}
                    >
                      标为已读
                    </button>
                  )}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}

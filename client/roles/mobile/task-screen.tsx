// 我的任务 for a unit operator or a 网格员: the unit's or the grids' open issues, overdue first, then by deadline, each with its
// distance and direction from the phone and the next step the server allows. 整改上报 is done here:
// a note on what was done and the after photos.
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { type IssueView, openIssuesQuery, transitionIssue } from '../../features/issues/api.ts'
import type { SessionUser } from '../../features/session/api.ts'
import { formatDateTime, formatOverdue } from '../../lib/format.ts'
import { CardList, type SheetClose, useActing } from './card-list.tsx'
import { compassWord, formatDistance, type Task, toTasks } from './field-helpers.ts'
import { isOffline, queueWrite } from './field-queue.ts'
import { queryState, Sheet, SheetForm, useIssueWrite } from './mobile-sheet.tsx'
import { isNetworkFailure } from './offline-queue.ts'
import { PhotoStrip } from './photo-strip.tsx'
import { sendPhotos } from './send-photos.ts'
import { usePosition } from './use-position.ts'

const nearbyMeters = 20 // closer than a phone's GPS can tell a direction

export function TaskScreen({ user }: { user: SessionUser }) {
  const byGrid = user.role === 'grid-member'
  const scoped = byGrid ? Boolean(user.gridCodes?.length) : Boolean(user.unitCode)
  const tasks = useQuery({ ...openIssuesQuery(user.username), enabled: scoped })
  const { state: position } = usePosition()
  const here = position.status === 'fixed' ? position.fix.lngLat : undefined
  const sheet = useActing<IssueView>()
  const now = new Date()

  if (!scoped) {
    return <p className="m-empty">此账号未绑定{byGrid ? '网格' : '责任单位'}，没有任务。</p>
  }
  if (!tasks.data) return queryState(tasks, '正在加载任务…')
  const list = toTasks(tasks.data, here)
  const overdue = list.filter((t) => t.issue.overdue).length
  return (
    <CardList
      testId="m-tasks"
      summary={
        <>
          {byGrid ? '我负责网格的' : '本单位'}未办结问题 <strong>{list.length}</strong> 条
          {overdue > 0 && (
            <>
              ，其中 <strong className="m-warn">{overdue}</strong> 条已逾期
            </>
          )}
        </>
      }
      acting={sheet}
      sheet={(issue, close) => <RectifySheet issue={issue} {...close} />}
      empty={list.length === 0 ? '暂无需要办理的问题。' : undefined}
    >
      {list.map((task) => (
        <TaskCard
          key={task.issue.id}
          task={task}
          here={here}
          now={now}
          onAct={() => sheet.open(task.issue)}
        />
      ))}
    </CardList>
  )
}

function TaskCard({
  task,
  here,
  now,
  onAct,
}: {
  task: Task
  here?: [number, number]
  now: Date
  onAct: () => void
}) {
  const { issue } = task
  return (
    <li className={`m-card${issue.overdue ? ' is-overdue' : ''}`} data-issue-id={issue.id}>
      <div className="m-card__head">
        <strong>{issueCategoryLabels[issue.category]}</strong>
        <span className={`m-badge m-badge--${issue.status}`}>
          {issueStatusLabels[issue.status]}
        </span>
        {issue.overdue && (
          <span className="m-badge m-badge--overdue">
            逾期 {formatOverdue(issue.deadlineAt, now)}
          </span>
        )}
      </div>
      <p className="m-card__text">{issue.description}</p>
      <p className="m-muted">
        整改期限 {formatDateTime(issue.deadlineAt)} · {issueLabel(issue)}
      </p>
      {here && task.distanceMeters !== undefined && (
        <p className="m-muted" data-testid="m-distance">
          {task.distanceMeters < nearbyMeters
            ? `就在附近（${formatDistance(task.distanceMeters)}）`
            : `距我${formatDistance(task.distanceMeters)}，在${compassWord(here, issue.lngLat)}方向`}
        </p>
      )}
      {task.nextAction === 'rectify' ? (
        <button type="button" className="m-button m-button--primary" onClick={onAct}>
          {task.nextLabel}
        </button>
      ) : (
        <p className="m-next">下一步：{task.nextLabel}</p>
      )}
    </li>
  )
}

function RectifySheet({ issue, onDone, onCancel }: { issue: IssueView } & SheetClose) {
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<File[]>([])
  const { error, setError, onSuccess, onError } = useIssueWrite(onDone)
  const mutation = useMutation({
    networkMode: 'always', // offline, the rectification goes to the queue instead of pausing
    mutationFn: async (): Promise<string> => {
      const write = {
        kind: 'rectify' as const,
        issueId: issue.id,
        ...(issue.issueNo ? { issueNo: issue.issueNo } : {}),
        version: issue.version,
        note: note.trim(),
        photos,
      }
      const queued = `${issueLabel(issue)} 的整改上报已保存在“待发送”中，联网后自动提交。`
      if (isOffline()) return queueWrite(write).then(() => queued)
      try {
        const attachmentIds = await sendPhotos(issue.id, photos)
        const updated = await transitionIssue(
          issue.id,
          { action: 'rectify', version: issue.version, note: note.trim(), attachmentIds },
          '整改上报',
        )
        return `${issueLabel(updated)} 已整改上报，等待复查。`
      } catch (e) {
        if (isNetworkFailure(e)) return queueWrite(write).then(() => queued)
        throw e
      }
    },
    onSuccess,
    onError,
  })
  const busy = mutation.isPending
  return (
    <Sheet label="整改上报" title={`整改上报 · ${issueLabel(issue)}`} testId="m-rectify">
      <p className="m-card__text">{issue.description}</p>
      <SheetForm
        note={note}
        onNote={setNote}
        rows={3}
        placeholder="写明整改情况，如：已清运垃圾，增设垃圾桶 2 个"
        busy={busy}
        error={error}
        onBack={onCancel}
        afterNote={
          <PhotoStrip files={photos} onChange={setPhotos} disabled={busy} label="整改后照片" />
        }
      >
        <button
          type="button"
          className="m-button m-button--primary"
          disabled={busy}
          onClick={() => {
            if (!note.trim()) return setError('请填写整改情况说明。')
            mutation.mutate()
          }}
        >
          {busy ? '正在提交…' : '提交整改'}
        </button>
      </SheetForm>
    </Sheet>
  )
}

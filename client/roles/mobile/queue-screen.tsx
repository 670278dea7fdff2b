// 待发送: the offline queue as the user sees it — each write with its state (待发送, 发送中, 已发送,
// 需处理), why it waits, and for a 整改上报 that met a newer version of its issue: 放弃 or
// 按最新状态重新提交.
import { issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { formatDateTime } from '../../lib/format.ts'
import { CardList } from './card-list.tsx'
import { fieldQueue, useQueuedJobs } from './field-queue.ts'
import { type Job, jobStateLabels, jobTitle } from './offline-queue.ts'

export function QueueScreen({ onFlush }: { onFlush: () => void }) {
  const jobs = useQueuedJobs()
  const waiting = jobs.filter((j) => j.state === 'waiting').length
  const sent = jobs.filter((j) => j.state === 'sent').length
  return (
    <CardList
      testId="m-queue"
      summary="离线时的上报、备注、照片和整改上报保存在本机，联网后按顺序自动发送，不会重复提交。"
      empty={jobs.length === 0 ? '没有待发送的内容。' : undefined}
      after={<QueueActions waiting={waiting} sent={sent} onFlush={onFlush} />}
    >
      {jobs.map((job) => (
        <QueueCard key={job.id} job={job} />
      ))}
    </CardList>
  )
}

function QueueActions(props: { waiting: number; sent: number; onFlush: () => void }) {
  const { waiting, sent, onFlush } = props
  return (
    <div className="m-row m-queue__actions">
      {waiting > 0 && (
        <button type="button" className="m-button m-button--primary" onClick={onFlush}>
          立即发送（{waiting}）
        </button>
      )}
      {sent > 0 && (
        <button
          type="button"
          className="m-button m-button--plain"
          onClick={() => void fieldQueue.clearSent()}
        >
          清除已发送
        </button>
      )}
    </div>
  )
}

function QueueCard({ job }: { job: Job }) {
  return (
    <li className="m-card" data-job-state={job.state} data-testid="m-job">
      <div className="m-card__head">
        <strong>{jobTitle(job.write)}</strong>
        <span className={`m-badge m-badge--job-${job.state}`}>{jobStateLabels[job.state]}</span>
      </div>
      {job.write.kind === 'report' && <p className="m-card__text">{job.write.issue.description}</p>}
      <p className="m-muted">
        记录于 {formatDateTime(job.createdAt)}
        {job.issueId && job.state === 'sent' ? ` · 问题 ${job.issueId}` : ''}
      </p>
      {job.message && (
        <p className={job.state === 'failed' ? 'm-error' : 'm-muted'} role="status">
          {job.message}
        </p>
      )}
      {job.state === 'failed' && (
        <div className="m-row">
          <button
            type="button"
            className="m-button m-button--plain"
            onClick={() => void fieldQueue.discard(job.id)}
          >
            放弃此操作
          </button>
          {job.conflict && (
            <button
              type="button"
              className="m-button m-button--primary"
              onClick={() => void fieldQueue.reapply(job.id).then(() => fieldQueue.flush())}
            >
              按最新状态重新提交
            </button>
          )}
        </div>
      )}
      {job.conflict?.status && (
        <p className="m-muted">
          问题现为“{issueStatusLabels[job.conflict.status]}”（版本 {job.conflict.version}
          ）。重新提交将在最新版本上再次整改上报；若已不需要，请放弃。
        </p>
      )}
    </li>
  )
}

// What came of a phone report: a new issue, a note added to an issue nearby, or a write kept in the
// 待发送 queue until there is a network; 继续上报 starts the next report.
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import type { IssueView, NearbyIssue } from '../../features/issues/api.ts'
import type { Job } from './offline-queue.ts'

export type Outcome =
  | { kind: 'reported'; issue: IssueView; photos: number; photoError?: string }
  | { kind: 'supplemented'; issue: NearbyIssue; photos: number }
  | { kind: 'queued'; job: Job }

export function ReportDone({ outcome, onNext }: { outcome: Outcome; onNext: () => void }) {
  return (
    <div className="m-done" role="status" data-testid="m-done">
      <p className="m-done__mark" aria-hidden="true">
        ✓
      </p>
      {outcome.kind === 'queued' ? (
        <>
          <h2>已保存，待联网发送</h2>
          <p data-testid="m-queued">
            当前没有网络。此{outcome.job.write.kind === 'report' ? '上报' : '补充'}
            已保存在本机“待发送”中，联网后自动发送，不会重复提交。
          </p>
        </>
      ) : outcome.kind === 'reported' ? (
        <>
          <h2>上报成功</h2>
          <IssueNoLine issue={outcome.issue} />
          <p>
            {issueCategoryLabels[outcome.issue.category]} ·{' '}
            {issueStatusLabels[outcome.issue.status]}
            {outcome.photos ? ` · 照片 ${outcome.photos} 张` : ''}
          </p>
          {outcome.photoError && <p className="m-error">{outcome.photoError}</p>}
        </>
      ) : (
        <>
          <h2>已补充到已有问题</h2>
          <IssueNoLine issue={outcome.issue} />
          <p>备注已添加{outcome.photos ? `，照片 ${outcome.photos} 张` : ''}，没有新建问题。</p>
        </>
      )}
      <button type="button" className="m-button m-button--primary m-button--wide" onClick={onNext}>
        继续上报
      </button>
    </div>
  )
}

/** 问题编号 of the issue just reported or supplemented. */
function IssueNoLine({ issue }: { issue: { id: string; issueNo?: string | undefined } }) {
  return (
    <p>
      问题编号{' '}
      <strong data-testid="m-issue-id" data-issue-id={issue.id}>
        {issue.issueNo ?? issue.id}
      </strong>
    </p>
  )
}

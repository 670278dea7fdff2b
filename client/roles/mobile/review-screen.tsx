// 复查 for reviewers (督导员, 创建办): the issues waiting for review that the caller may approve, and for
// each the photos before and after the 整改 side by side with the unit's note; 通过 closes the issue,
// 退回 sends it back to the unit with a reason. Online only: a review decides on what the server has now.
import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { issueLabel } from '../../../server/domain/issue-number.ts'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import {
  type Attachment,
  type IssueView,
  issueDetailQuery,
  transitionIssue,
} from '../../features/issues/api.ts'
import { beforeAfterPhotos } from '../../features/issues/timeline.ts'
import { apiRequest, apiUrl, queryString } from '../../lib/api-client.ts'
import { formatDateTime } from '../../lib/format.ts'
import { CardList, type SheetClose, useActing } from './card-list.tsx'
import { isOffline } from './field-queue.ts'
import { queryState, Sheet, SheetForm, useIssueWrite } from './mobile-sheet.tsx'

const reviewPage = 100 // the latest 整改上报 first; a county has a few dozen waiting at a time

const reviewingQuery = (username: string) => ({
  queryKey: ['issues', 'list', 'reviewing', username] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiRequest<{ items: IssueView[] }>('api/issues', {
      query: queryString({ status: 'reviewing', sort: '-updatedAt', limit: reviewPage }),
      signal,
    }),
  staleTime: 30_000,
})

export function ReviewScreen({ username }: { username: string }) {
  const list = useQuery(reviewingQuery(username))
  const sheet = useActing<string>() // the issue id
  if (!list.data) return queryState(list, '正在加载待复查问题…')
  const mine = list.data.items.filter((i) => i.allowedActions.includes('approve'))
  return (
    <CardList
      testId="m-review"
      summary={
        <>
          待复查问题 <strong>{mine.length}</strong> 条
        </>
      }
      acting={sheet}
      sheet={(id, close) => <ReviewSheet issueId={id} {...close} />}
      empty={mine.length === 0 ? '暂无待复查的问题。' : undefined}
    >
      {mine.map((issue) => (
        <li key={issue.id} className="m-card" data-issue-id={issue.id}>
          <div className="m-card__head">
            <strong>{issueCategoryLabels[issue.category]}</strong>
            <span className="m-badge m-badge--reviewing">待复查</span>
          </div>
          <p className="m-card__text">{issue.description}</p>
          <p className="m-muted">
            {issueLabel(issue)} · 整改上报于 {formatDateTime(issue.updatedAt)}
          </p>
          <button
            type="button"
            className="m-button m-button--primary"
            onClick={() => sheet.open(issue.id)}
          >
            对比照片并复查
          </button>
        </li>
      ))}
    </CardList>
  )
}

function ReviewSheet({ issueId, onDone, onCancel }: { issueId: string } & SheetClose) {
  const detail = useQuery(issueDetailQuery(issueId))
  const [note, setNote] = useState('')
  const { error, setError, onSuccess, onError } = useIssueWrite(onDone)
  const decide = useMutation({
    mutationFn: async (action: 'approve' | 'reject') => {
      if (!detail.data) throw new Error('unreachable: the buttons wait for the issue')
      if (isOffline()) throw new Error('复查需要联网：请在有网络时再通过或退回。')
      const body = {
        action,
        version: detail.data.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      }
      await transitionIssue(issueId, body, action === 'approve' ? '复查通过' : '复查退回')
      return action === 'approve' ? `${issueId} 复查通过，已销号。` : `${issueId} 已退回整改。`
    },
    onSuccess,
    onError,
  })
  const issue = detail.data
  const compared = issue ? beforeAfterPhotos(issue.events, issue.attachments) : undefined
  const rectify = issue?.events.filter((e) => e.action === 'rectify').at(-1)
  const busy = decide.isPending || !issue
  return (
    <Sheet label="复查" title={`复查 · ${issue ? issueLabel(issue) : ''}`} testId="m-review-sheet">
      {detail.isPending && <p className="m-muted">正在加载…</p>}
      {detail.isError && <p className="m-error">{detail.error.message}</p>}
      {issue && (
        <>
          <p className="m-card__text">{issue.description}</p>
          <div className="m-compare" data-testid="m-before-after">
            <PhotoColumn label="整改前" photos={compared?.before ?? []} />
            <PhotoColumn label="整改后" photos={compared?.after ?? []} />
          </div>
          {rectify?.note && (
            <p className="m-card__text">
              整改说明（{rectify.actorName}）：{rectify.note}
            </p>
          )}
        </>
      )}
      <SheetForm
        note={note}
        onNote={setNote}
        rows={2}
        placeholder="复查意见；退回时必填，如：垃圾桶未就位"
        busy={busy}
        error={error}
        backDisabled={decide.isPending}
        onBack={onCancel}
      >
        <button
          type="button"
          className="m-button m-button--plain"
          disabled={busy}
          onClick={() => {
            if (!note.trim()) return setError('退回须写明原因。')
            decide.mutate('reject')
          }}
        >
          退回
        </button>
        <button
          type="button"
          className="m-button m-button--primary"
          disabled={busy}
          onClick={() => decide.mutate('approve')}
        >
          {decide.isPending ? '正在提交…' : '通过'}
        </button>
      </SheetForm>
    </Sheet>
  )
}

function PhotoColumn({ label, photos }: { label: string; photos: readonly Attachment[] }) {
  return (
    <figure className="m-compare__side">
      <figcaption>{label}</figcaption>
      {photos.length === 0 ? (
        <p className="m-muted">无照片</p>
      ) : (
        photos.map((a, i) => (
          <a key={a.id} href={apiUrl(a.url)} target="_blank" rel="noreferrer">
            <img src={apiUrl(a.url)} alt={`${label} 照片 ${i + 1}`} loading="lazy" />
          </a>
        ))
      )}
    </figure>
  )
}

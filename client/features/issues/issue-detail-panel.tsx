// The right-hand panel for one issue: status and properties, the action buttons the server allows
// this user (with their forms), and the timeline of every event with its photos.
// While the ledger API loads, the map's own copy of the issue (OGC feature) fills the header.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { ApiError, apiUrl } from '../../lib/api-client.ts'
import { formatOverdue, type NameLookup } from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import { PhotoViewer } from '../../ui/photo-viewer.tsx'
import { ActionForm } from './action-form.tsx'
import {
  type Attachment,
  type CodeName,
  type IssueFeature,
  type IssueView,
  issueDetailQuery,
} from './api.ts'
import { actionButtons, type IssueFormAction } from './issue-actions.ts'
import { issueDetails } from './issue-details.ts'
import { issueStatusColors } from './layers.ts'
import {
  beforeAfterPhotos,
  looseAttachments,
  type TimelineEntry,
  type TimelineNames,
  toTimeline,
} from './timeline.ts'

export interface IssueDetailPanelProps {
  id: string
  fallback?: IssueFeature // the map's copy, shown until the detail arrives
  signedIn: boolean
  units: CodeName[]
  lookup: NameLookup
  names: TimelineNames
  now: Date
  onClose: () => void
  onLoginRequest: () => void
}

/** An IssueView as the GeoJSON feature the map and issueDetails() use. */
export function toIssueFeature(issue: IssueView): IssueFeature {
  const { id, lngLat, version: _v, overdue: _o, allowedActions: _a, ...properties } = issue
  const rest = properties as Record<string, unknown>
  delete rest.events
  delete rest.attachments
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: lngLat },
    properties: rest as unknown as IssueFeature['properties'],
  }
}

export function IssueDetailPanel(props: IssueDetailPanelProps) {
  const { id, fallback, now, lookup } = props
  const detail = useQuery(issueDetailQuery(id))
  const [active, setActive] = useState<IssueFormAction>()
  const [flash, setFlash] = useState<{ text: string; tone: 'done' | 'conflict' }>()
  const [photo, setPhoto] = useState<{ src: string; caption: string }>()

  const issue = detail.data
  const feature = issue ? toIssueFeature(issue) : fallback
  const summary = feature ? issueDetails(feature, now, lookup) : undefined
  const status = feature?.properties.status
  const overdue = issue ? issue.overdue : undefined
  const buttons = issue ? actionButtons(issue.allowedActions) : []
  const timeline = issue ? toTimeline(issue.events, issue.attachments, props.names) : []
  const loose = issue ? looseAttachments(issue.events, issue.attachments) : []
  const compared = issue ? beforeAfterPhotos(issue.events, issue.attachments) : undefined
  const gallery = loose.filter((a) => !compared?.before.includes(a)) // the rest of the loose photos
  const open = (a: Attachment, caption: string) => setPhoto({ src: apiUrl(a.url), caption })

  return (
    <aside
      className="panel feature-panel issue-panel"
      aria-label="问题详情"
      data-testid="issue-panel"
      data-issue-id={id}
    >
      <header className="feature-panel__header">
        <div>
          <p className="feature-panel__kind">问题 · {feature?.properties.issueNo ?? id}</p>
          <h2 className="feature-panel__title">
            {feature
              ? (issueCategoryLabels[feature.properties.category] ?? feature.properties.category)
              : '正在加载…'}
          </h2>
          {status && (
            <span
              className="badge"
              style={{ backgroundColor: toCssColor(issueStatusColors[status]) }}
              data-testid="issue-status"
            >
              {issueStatusLabels[status]}
            </span>
          )}
          {overdue && feature && (
            <span className="badge is-overdue">
              逾期 {formatOverdue(feature.properties.deadlineAt, now)}
            </span>
          )}
        </div>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label="关闭详情">
          ×
        </button>
      </header>

      <div className="issue-panel__body">
        {feature?.properties.description && (
          <p className="issue-panel__desc">{feature.properties.description}</p>
        )}

        {detail.isError && <DetailError error={detail.error} onRetry={() => detail.refetch()} />}

        {flash?.tone === 'done' && (
          <p className="form-success" role="status" data-testid="action-flash">
            {flash.text}
          </p>
        )}
        {flash?.tone === 'conflict' && (
          <p className="form-warning" role="alert" data-testid="action-error">
            {flash.text}
          </p>
        )}

        {issue && (
          <section className="issue-actions" aria-label="办理">
            {buttons.length > 0 ? (
              <div className="issue-actions__buttons">
                {buttons.map((b) => (
                  <button
                    key={b.action}
                    type="button"
                    className={`button${b.tone === 'danger' ? ' is-danger' : b.tone === 'plain' ? ' is-plain' : ''}${active === b.action ? ' is-pressed' : ''}`}
                    data-action={b.action}
                    aria-pressed={active === b.action}
                    onClick={() => {
                      setFlash(undefined)
                      setActive(active === b.action ? undefined : b.action)
                    }}
                  >
                    {b.label}
                  </button>
                ))}
              </div>
            ) : (
              <p className="issue-actions__none">
                {props.signedIn ? (
                  noActionReason(issue)
                ) : (
                  <>
                    办理问题请先
                    <button type="button" className="link-button" onClick={props.onLoginRequest}>
                      登录
                    </button>
                    。
                  </>
                )}
              </p>
            )}
            {active && (
              <ActionForm
                key={`${active}-${issue.version}`}
                issue={issue}
                action={active}
                units={props.units}
                onCancel={() => setActive(undefined)}
                onUnauthorized={props.onLoginRequest}
                onDone={(text) => {
                  setActive(undefined)
                  setFlash({ text, tone: 'done' })
                }}
                onConflict={(text) => {
                  setActive(undefined)
                  setFlash({ text, tone: 'conflict' })
                }}
              />
            )}
          </section>
        )}

        {summary && (
          <details className="issue-panel__props" open={!issue || timeline.length < 2}>
            <summary>基本信息</summary>
            <dl className="feature-panel__rows">
              {summary.rows
                .filter((row) => row.key !== 'description' && row.key !== 'status')
                .map((row) => (
                  <div
                    key={row.key}
                    className={`feature-panel__row${row.tone ? ` is-${row.tone}` : ''}`}
                  >
                    <dt>{row.label}</dt>
                    <dd>{row.value}</dd>
                  </div>
                ))}
            </dl>
          </details>
        )}

        {compared && (compared.before.length > 0 || compared.after.length > 0) && (
          <section aria-label="整改前后对比" data-testid="before-after">
            <h3 className="issue-panel__heading">整改前后对比</h3>
            <div className="before-after">
              {(
                [
                  ['整改前', compared.before],
                  ['整改后', compared.after],
                ] as const
              ).map(([caption, photos]) => (
                <div key={caption}>
                  <p className="before-after__label">{caption}</p>
                  {photos.length ? (
                    <Thumbnails photos={photos} caption={caption} onOpen={open} />
                  ) : (
                    <p className="before-after__none">无照片</p>
                  )}
                </div>
              ))}
            </div>
          </section>
        )}

        {gallery.length > 0 && (
          <section aria-label="照片">
            <h3 className="issue-panel__heading">照片</h3>
            <Thumbnails photos={gallery} caption="现场照片" onOpen={open} />
          </section>
        )}

        <section aria-label="办理过程" data-testid="timeline">
          <h3 className="issue-panel__heading">办理过程（北京时间）</h3>
          {detail.isPending ? (
            <p className="muted">正在加载办理记录…</p>
          ) : timeline.length === 0 ? (
            <p className="muted">{detail.isError ? '办理记录未能加载。' : '暂无办理记录。'}</p>
          ) : (
            <ol className="timeline">
              {timeline.map((entry) => (
                <TimelineItem key={entry.key} entry={entry} onOpen={open} />
              ))}
            </ol>
          )}
        </section>
      </div>
      {photo && (
        <PhotoViewer src={photo.src} caption={photo.caption} onClose={() => setPhoto(undefined)} />
      )}
    </aside>
  )
}

function noActionReason(issue: IssueView): string {
  if (issue.status === 'closed') return '该问题已销号；如需重新打开，请联系系统管理员。'
  return '该问题当前没有需要您办理的操作。'
}

function TimelineItem({
  entry,
  onOpen,
}: {
  entry: TimelineEntry
  onOpen: (a: Attachment, caption: string) => void
}) {
  return (
    <li className={`timeline__item is-${entry.tone}`} data-event={entry.title}>
      <div className="timeline__head">
        <strong>{entry.title}</strong>
        <time dateTime={entry.atIso}>{entry.at}</time>
      </div>
      <p className="timeline__who">{entry.who}</p>
      {entry.transition && <p className="timeline__transition">{entry.transition}</p>}
      {entry.details.map((d) => (
        <p key={d} className="timeline__detail">
          {d}
        </p>
      ))}
      {entry.note && <p className="timeline__note">{entry.note}</p>}
      {entry.photos.length > 0 && (
        <Thumbnails
          photos={entry.photos}
          caption={`${entry.title} · ${entry.at}`}
          onOpen={onOpen}
        />
      )}
    </li>
  )
}

function Thumbnails(props: {
  photos: Attachment[]
  caption: string
  onOpen: (a: Attachment, caption: string) => void
}) {
  return (
    <ul className="thumbnails">
      {props.photos.map((a, i) => (
        <li key={a.id}>
          <button
            type="button"
            className="thumbnails__button"
            onClick={() => props.onOpen(a, props.caption)}
            aria-label={`查看照片 ${i + 1}`}
          >
            <img src={apiUrl(a.url)} alt={`${props.caption} 照片 ${i + 1}`} loading="lazy" />
          </button>
        </li>
      ))}
    </ul>
  )
}

function DetailError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const status = error instanceof ApiError ? error.status : undefined
  return (
    <div className="layer-row__error" role="alert">
      <p>
        {status === 404
          ? '台账中找不到这个问题，可能已被删除或编号有误。'
          : error instanceof Error
            ? error.message
            : '问题详情加载失败。'}
      </p>
      {status !== 404 && (
        <button type="button" className="text-button" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  )
}

// The right-hand panel for one issue: status and properties, the action buttons the server allows
// this user (with their forms), and the timeline of every event with its photos.
// While the ledger API loads, the map's own copy of the issue (OGC feature) fills the header.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { ApiError, apiUrl } from '../../lib/api-client.ts'
import { type FeatureDetails, formatOverdue, type NameLookup } from '../../lib/format.ts'
import { toCssColor } from '../../lib/legend.ts'
import { PhotoViewer } from '../../ui/photo-viewer.tsx'
import {
  type Attachment,
  type CodeName,
  type IssueFeature,
  type IssueView,
  issueDetailQuery,
} from './api.ts'
import { type ActionFlash, IssueActionSection } from './issue-action-section.tsx'
import type { IssueFormAction } from './issue-actions.ts'
import { issueDetails } from './issue-details.ts'
import { BeforeAfter, PhotoGallery } from './issue-photos.tsx'
import { IssueTimeline } from './issue-timeline.tsx'
import { issueStatusColors } from './layers.ts'
import { beforeAfterPhotos, looseAttachments, type TimelineNames, toTimeline } from './timeline.ts'

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
  const [flash, setFlash] = useState<ActionFlash>()
  const [photo, setPhoto] = useState<{ src: string; caption: string }>()

  const issue = detail.data
  const feature = issue ? toIssueFeature(issue) : fallback
  const summary = feature ? issueDetails(feature, now, lookup) : undefined
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
      <IssueHeader
        id={id}
        feature={feature}
        overdue={issue ? issue.overdue : undefined}
        now={now}
        onClose={props.onClose}
      />

      <div className="issue-panel__body">
        {feature?.properties.description && (
          <p className="issue-panel__desc">{feature.properties.description}</p>
        )}

        {detail.isError && <DetailError error={detail.error} onRetry={() => detail.refetch()} />}

        <FlashMessage flash={flash} />

        {issue && (
          <IssueActionSection
            issue={issue}
            signedIn={props.signedIn}
            units={props.units}
            active={active}
            onActiveChange={setActive}
            onFlash={setFlash}
            onLoginRequest={props.onLoginRequest}
          />
        )}

        {summary && <IssueProperties summary={summary} open={!issue || timeline.length < 2} />}

        <BeforeAfter compared={compared} onOpen={open} />
        <PhotoGallery photos={gallery} onOpen={open} />

        <IssueTimeline
          timeline={timeline}
          pending={detail.isPending}
          failed={detail.isError}
          onOpen={open}
        />
      </div>
      {photo && (
        <PhotoViewer src={photo.src} caption={photo.caption} onClose={() => setPhoto(undefined)} />
      )}
    </aside>
  )
}

/** Kind and number, category, the status badge and how long overdue; the map's copy until loaded. */
function IssueHeader(props: {
  id: string
  feature: IssueFeature | undefined
  overdue: boolean | undefined
  now: Date
  onClose: () => void
}) {
  const { feature } = props
  const status = feature?.properties.status
  return (
    <header className="feature-panel__header">
      <div>
        <p className="feature-panel__kind">问题 · {feature?.properties.issueNo ?? props.id}</p>
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
        {props.overdue && feature && (
          <span className="badge is-overdue">
            逾期 {formatOverdue(feature.properties.deadlineAt, props.now)}
          </span>
        )}
      </div>
      <button type="button" className="icon-button" onClick={props.onClose} aria-label="关闭详情">
        ×
      </button>
    </header>
  )
}

/** What the last action did, or why it did not (someone else changed the issue first). */
function FlashMessage({ flash }: { flash: ActionFlash | undefined }) {
  if (flash?.tone === 'done') {
    return (
      <p className="form-success" role="status" data-testid="action-flash">
        {flash.text}
      </p>
    )
  }
  if (flash?.tone === 'conflict') {
    return (
      <p className="form-warning" role="alert" data-testid="action-error">
        {flash.text}
      </p>
    )
  }
  return null
}

/** 基本信息: the rows but description and status, which the header and body show already. */
function IssueProperties({ summary, open }: { summary: FeatureDetails; open: boolean }) {
  return (
    <details className="issue-panel__props" open={open}>
      <summary>基本信息</summary>
      <dl className="feature-panel__rows">
        {summary.rows
          .filter((row) => row.key !== 'description' && row.key !== 'status')
          .map((row) => (
            <div key={row.key} className={`feature-panel__row${row.tone ? ` is-${row.tone}` : ''}`}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
      </dl>
    </details>
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

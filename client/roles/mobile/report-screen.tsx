// 上报 on the phone: the position from GPS (accuracy shown; the map to adjust it or when there is no
// fix), a category quick-pick (most used first), the description with the category's common phrases,
// camera photos, the nearest check point, and where the problem came from (问题来源, 督查轮次). Before sending, open issues of the same category within
// 50 m are shown, and the reporter may add a note and the photos to one of them instead.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import type { IssueCategory } from '../../../server/domain/issue.ts'
import { issueCategoryLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import type { IssueSource } from '../../../server/domain/supervision.ts'
import { checkpointsQuery } from '../../features/checkpoints/api.ts'
import {
  addNote,
  createIssue,
  type IssueView,
  invalidateIssues,
  type NearbyIssue,
  nearbyIssuesQuery,
} from '../../features/issues/api.ts'
import { maxDescriptionLength, validateReport } from '../../features/issues/issue-actions.ts'
import { roundsQuery } from '../../features/supervision/api.ts'
import { ApiError } from '../../lib/api-client.ts'
import { formatDate } from '../../lib/format.ts'
import { type NamedPlace, nearestPlace } from '../../lib/geo.ts'
import { countCategoryUse, readCategoryCounts } from './category-usage.ts'
import { DuplicateList } from './duplicate-list.tsx'
import {
  appendPhrase,
  commonPhrases,
  describeAccuracy,
  formatDistance,
  rankCategories,
} from './field-helpers.ts'
import { isOffline, queueWrite } from './field-queue.ts'
import { FieldSection, Sheet, SheetForm } from './mobile-sheet.tsx'
import { isNetworkFailure, type Job } from './offline-queue.ts'
import { PhotoStrip } from './photo-strip.tsx'
import { rememberedRounds, rememberRounds } from './remembered-user.ts'
import { sendPhotos } from './send-photos.ts'
import { defaultRoundId, type RoundChoice, SourceFields } from './source-fields.tsx'
import { usePosition } from './use-position.ts'

const PickMap = lazy(() => import('./pick-map.tsx').then((m) => ({ default: m.PickMap })))

const duplicateRadiusMeters = 50 // the same problem is rarely reported farther apart than this
const checkpointWithinMeters = 300 // a check point farther away is rarely the right one

type Outcome =
  | { kind: 'reported'; issue: IssueView; photos: number; photoError?: string }
  | { kind: 'supplemented'; issue: NearbyIssue; photos: number }
  | { kind: 'queued'; job: Job }

/** `recordsRounds`: the reporter records issues into 督查轮次 (督导员, 管理员: round_edit). */
export function ReportScreen({ recordsRounds = false }: { recordsRounds?: boolean }) {
  const queryClient = useQueryClient()
  const { state: position, retry } = usePosition()
  const [manual, setManual] = useState<[number, number]>()
  const [mapOpen, setMapOpen] = useState(false)
  const [counts, setCounts] = useState(readCategoryCounts)
  const [category, setCategory] = useState<IssueCategory>()
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<File[]>([])
  const [useCheckpoint, setUseCheckpoint] = useState(true)
  const [target, setTarget] = useState<NearbyIssue>() // the issue to supplement instead
  const [error, setError] = useState<string>()
  const [outcome, setOutcome] = useState<Outcome>()
  const [source, setSource] = useState<IssueSource | ''>('') // '': from the round or the role
  const [chosenRound, setChosenRound] = useState<string>()
  const rounds = useQuery({ ...roundsQuery(), enabled: recordsRounds })
  useEffect(() => {
    if (rounds.data) rememberRounds(rounds.data)
  }, [rounds.data])
  // offline, the rounds this phone kept: a report in a round without signal still goes into it
  const knownRounds = rounds.data ?? (rounds.isError ? rememberedRounds() : undefined)
  const roundChoices = useMemo<RoundChoice[] | undefined>(() => {
    if (!recordsRounds) return undefined
    const today = formatDate(new Date().toISOString())
    return (knownRounds ?? []).map((r) => ({
      id: r.id,
      name: r.name,
      current: r.startsOn <= today && today <= r.endsOn,
    }))
  }, [recordsRounds, knownRounds])
  const roundId = defaultRoundId(roundChoices ?? [], chosenRound)

  const gps = position.status === 'fixed' ? position.fix : undefined
  const lngLat = manual ?? gps?.lngLat
  const categories = useMemo(() => rankCategories(counts), [counts])

  const nearby = useQuery({
    ...nearbyIssuesQuery(lngLat ?? [0, 0], category ?? 'street-vending', duplicateRadiusMeters),
    enabled: Boolean(lngLat && category),
  })
  const duplicates = lngLat && category ? (nearby.data?.items ?? []) : []

  const checkpoints = useQuery(checkpointsQuery())
  const places = useMemo<NamedPlace[]>(
    () =>
      (checkpoints.data?.features ?? []).map((f) => ({
        id: String(f.id),
        name: f.properties.name,
        lngLat: f.geometry.coordinates as [number, number],
      })),
    [checkpoints.data],
  )
  const nearest = lngLat ? nearestPlace(lngLat, places, checkpointWithinMeters) : undefined

  const report = useMutation({
    networkMode: 'always', // offline, the report goes to the queue instead of pausing
    mutationFn: async (): Promise<Outcome> => {
      if (!lngLat || !category) throw new Error('unreachable: checked before')
      const newIssue = {
        lngLat,
        category,
        description: description.trim(),
        ...(nearest && useCheckpoint ? { checkpointId: nearest.place.id } : {}),
        ...(source ? { source } : {}),
        ...(roundId ? { roundId } : {}),
      }
      const queue = async () => ({
        kind: 'queued' as const,
        job: await queueWrite({ kind: 'report', issue: newIssue, photos }),
      })
      if (isOffline()) return queue()
      let issue: IssueView
      try {
        issue = await createIssue(newIssue)
      } catch (e) {
        if (isNetworkFailure(e)) return queue()
        throw e
      }
      try {
        const ids = await sendPhotos(issue.id, photos)
        return { kind: 'reported', issue, photos: ids.length } as const
      } catch (e) {
        const why = e instanceof Error ? e.message : ''
        return {
          kind: 'reported',
          issue,
          photos: 0,
          photoError: `问题已上报，但照片上传失败：${why}`,
        } as const
      }
    },
    onSuccess: async (result) => {
      if (category) countCategoryUse(category)
      setCounts(readCategoryCounts())
      setOutcome(result)
      await invalidateIssues(queryClient)
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : '上报失败，请重试。'),
  })

  const supplement = useMutation({
    networkMode: 'always',
    mutationFn: async (issue: NearbyIssue): Promise<Outcome> => {
      const note = description.trim() || `现场再次发现：${issueCategoryLabels[issue.category]}`
      const queue = async () => ({
        kind: 'queued' as const,
        job: await queueWrite({
          kind: 'note',
          issueId: issue.id,
          ...(issue.issueNo ? { issueNo: issue.issueNo } : {}),
          note,
          photos,
        }),
      })
      if (isOffline()) return queue()
      try {
        const ids = await sendPhotos(issue.id, photos)
        await addNote(issue.id, note, ids)
        return { kind: 'supplemented', issue, photos: ids.length } as const
      } catch (e) {
        if (isNetworkFailure(e)) return queue()
        throw e
      }
    },
    onSuccess: async (result) => {
      setOutcome(result)
      await invalidateIssues(queryClient)
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : '补充失败，请重试。'),
  })

  const busy = report.isPending || supplement.isPending
  const reset = () => {
    setOutcome(undefined)
    setCategory(undefined)
    setDescription('')
    setPhotos([])
    setTarget(undefined)
    setManual(undefined)
    setError(undefined)
  }

  if (outcome) return <Done outcome={outcome} onNext={reset} />

  const submit = () => {
    const problems = validateReport({ lngLat, category: category ?? '', description, photos: [] }) // photos are re-encoded on send
    const first = problems.lngLat
      ? '请先确定位置：等待定位，或点“在地图上选点”。'
      : (problems.category ?? problems.description)
    setError(first)
    if (!first) report.mutate()
  }

  const accuracy = gps && !manual ? describeAccuracy(gps.accuracyMeters) : undefined
  return (
    <div className="m-report" data-testid="m-report">
      <FieldSection label="位置">
        <div
          className={`m-position${lngLat ? ' is-set' : ''}`}
          data-testid="m-position"
          data-state={manual ? 'manual' : position.status}
        >
          {manual ? (
            <strong>已在地图上选定位置</strong>
          ) : position.status === 'locating' ? (
            <strong>正在定位…</strong>
          ) : position.status === 'fixed' ? (
            <strong>已定位（GPS）</strong>
          ) : (
            <strong className="m-warn">{position.reason}</strong>
          )}
          {accuracy && (
            <span className={accuracy.good ? '' : 'm-warn'} data-testid="m-accuracy">
              {accuracy.text}
            </span>
          )}
          {lngLat && (
            <span className="m-muted">
              东经 {lngLat[0].toFixed(5)}°，北纬 {lngLat[1].toFixed(5)}°
            </span>
          )}
        </div>
        <div className="m-row">
          <button
            type="button"
            className="m-button m-button--plain"
            onClick={() => setMapOpen(true)}
          >
            {lngLat ? '在地图上调整' : '在地图上选点'}
          </button>
          {manual ? (
            <button
              type="button"
              className="m-button m-button--plain"
              onClick={() => setManual(undefined)}
            >
              改用 GPS 位置
            </button>
          ) : (
            position.status === 'failed' && (
              <button type="button" className="m-button m-button--plain" onClick={retry}>
                重新定位
              </button>
            )
          )}
        </div>
      </FieldSection>

      <FieldSection label="问题类别">
        <fieldset className="m-choices">
          {categories.map((c) => (
            <button
              key={c}
              type="button"
              className="m-choice"
              aria-pressed={category === c}
              data-category={c}
              disabled={busy}
              onClick={() => setCategory(c)}
            >
              {issueCategoryLabels[c]}
            </button>
          ))}
        </fieldset>
      </FieldSection>

      <DuplicateList
        issues={duplicates}
        radiusMeters={duplicateRadiusMeters}
        onSupplement={(issue) => {
          setError(undefined)
          setTarget(issue)
        }}
      />

      <FieldSection label="问题描述">
        {category && (
          <div className="m-phrases">
            {commonPhrases[category].map((phrase) => (
              <button
                key={phrase}
                type="button"
                className="m-phrase"
                disabled={busy}
                onClick={() => setDescription((d) => appendPhrase(d, phrase))}
              >
                {phrase}
              </button>
            ))}
          </div>
        )}
        <textarea
          name="description"
          className="m-textarea"
          rows={3}
          maxLength={maxDescriptionLength}
          placeholder={
            category ? '点上方常用语，或写清地点和问题' : '先选问题类别，再写清地点和问题'
          }
          value={description}
          disabled={busy}
          onChange={(e) => setDescription(e.target.value)}
        />
      </FieldSection>

      <PhotoStrip files={photos} onChange={setPhotos} disabled={busy} />

      {nearest && (
        <section className="m-section" aria-label="关联测评点位">
          <label className="m-check">
            <input
              type="checkbox"
              checked={useCheckpoint}
              disabled={busy}
              onChange={(e) => setUseCheckpoint(e.target.checked)}
            />
            <span>
              关联最近的测评点位：{nearest.place.name}（{formatDistance(nearest.meters)}）
            </span>
          </label>
        </section>
      )}

      <SourceFields
        source={source}
        onSource={setSource}
        {...(roundChoices ? { rounds: roundChoices } : {})}
        roundId={roundId}
        onRound={setChosenRound}
        disabled={busy}
      />

      <div className="m-submit">
        {error && (
          <p className="m-error" role="alert" data-testid="m-error">
            {error}
          </p>
        )}
        <button
          type="button"
          className="m-button m-button--primary m-button--wide"
          disabled={busy}
          onClick={submit}
        >
          {report.isPending
            ? '正在上报…'
            : duplicates.length
              ? '不是同一问题，仍然上报'
              : '提交上报'}
        </button>
      </div>

      {target && (
        <Sheet label="补充到已有问题" title="补充到已有问题" testId="m-supplement">
          <p>
            {issueCategoryLabels[target.category]} · {issueStatusLabels[target.status]} ·{' '}
            {formatDistance(target.distanceMeters)}
          </p>
          <p className="m-card__text">{target.description}</p>
          <p className="m-muted">
            将把你的描述作为备注{photos.length ? `，并附上 ${photos.length} 张照片` : ''}
            ，补充到问题 {target.issueNo ?? target.id}。
          </p>
          <SheetForm
            note={description}
            onNote={setDescription}
            rows={3}
            placeholder="补充说明（可选），如：问题仍未整改"
            busy={busy}
            error={error}
            onBack={() => setTarget(undefined)}
          >
            <button
              type="button"
              className="m-button m-button--primary"
              disabled={busy}
              onClick={() => supplement.mutate(target)}
            >
              {supplement.isPending ? '正在提交…' : '提交补充'}
            </button>
          </SheetForm>
        </Sheet>
      )}

      {mapOpen && (
        <Suspense fallback={<div className="m-sheet m-loading">正在加载地图…</div>}>
          <PickMap
            start={lngLat}
            gps={gps?.lngLat}
            accuracyMeters={gps?.accuracyMeters}
            onPick={(picked) => {
              setManual(picked)
              setMapOpen(false)
            }}
            onCancel={() => setMapOpen(false)}
          />
        </Suspense>
      )}
    </div>
  )
}

function Done({ outcome, onNext }: { outcome: Outcome; onNext: () => void }) {
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

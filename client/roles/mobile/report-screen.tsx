// 上报 on the phone: the position from GPS (accuracy shown; the map to adjust it or when there is no
// fix), a category quick-pick (most used first), the description with the category's common phrases,
// camera photos, the nearest check point, and where the problem came from (问题来源, 督查轮次). Before sending, open issues of the same category within
// 50 m are shown, and the reporter may add a note and the photos to one of them instead.
import { useMemo, useState } from 'react'
import type { IssueCategory } from '../../../server/domain/issue.ts'
import type { IssueSource } from '../../../server/domain/supervision.ts'
import type { NearbyIssue } from '../../features/issues/api.ts'
import { validateReport } from '../../features/issues/issue-actions.ts'
import { readCategoryCounts } from './category-usage.ts'
import { DuplicateList } from './duplicate-list.tsx'
import { rankCategories } from './field-helpers.ts'
import { PhotoStrip } from './photo-strip.tsx'
import { ReportDone } from './report-done.tsx'
import { CategoryPicker, CheckpointLink, DescriptionField } from './report-fields.tsx'
import { duplicateRadiusMeters, useDuplicates, useNearestCheckpoint } from './report-nearby.ts'
import { PickMapSheet, PositionSection, useReportPosition } from './report-position.tsx'
import { SourceFields } from './source-fields.tsx'
import { SupplementSheet } from './supplement-sheet.tsx'
import { useReportWrites } from './use-report-writes.ts'
import { useRoundChoices } from './use-round-choices.ts'

/** `recordsRounds`: the reporter records issues into 督查轮次 (督导员, 管理员: round_edit). */
export function ReportScreen({ recordsRounds = false }: { recordsRounds?: boolean }) {
  const place = useReportPosition()
  const [counts, setCounts] = useState(readCategoryCounts)
  const [category, setCategory] = useState<IssueCategory>()
  const [description, setDescription] = useState('')
  const [photos, setPhotos] = useState<File[]>([])
  const [useCheckpoint, setUseCheckpoint] = useState(true)
  const [target, setTarget] = useState<NearbyIssue>() // the issue to supplement instead
  const [source, setSource] = useState<IssueSource | ''>('') // '': from the round or the role
  const rounds = useRoundChoices(recordsRounds)
  const { lngLat } = place
  const categories = useMemo(() => rankCategories(counts), [counts])
  const duplicates = useDuplicates(lngLat, category)
  const nearest = useNearestCheckpoint(lngLat)
  const writes = useReportWrites(
    {
      lngLat,
      category,
      description,
      photos,
      checkpointId: nearest && useCheckpoint ? nearest.place.id : undefined,
      source,
      roundId: rounds.roundId,
    },
    () => setCounts(readCategoryCounts()),
  )

  const reset = () => {
    writes.setOutcome(undefined)
    setCategory(undefined)
    setDescription('')
    setPhotos([])
    setTarget(undefined)
    place.setManual(undefined)
    writes.setError(undefined)
  }

  if (writes.outcome) return <ReportDone outcome={writes.outcome} onNext={reset} />

  const submit = () => {
    const problems = validateReport({ lngLat, category: category ?? '', description, photos: [] }) // photos are re-encoded on send
    const first = problems.lngLat
      ? '请先确定位置：等待定位，或点“在地图上选点”。'
      : (problems.category ?? problems.description)
    writes.setError(first)
    if (!first) writes.report.mutate()
  }

  return (
    <div className="m-report" data-testid="m-report">
      <PositionSection place={place} />
      <CategoryPicker
        categories={categories}
        category={category}
        onPick={setCategory}
        disabled={writes.busy}
      />
      <DuplicateList
        issues={duplicates}
        radiusMeters={duplicateRadiusMeters}
        onSupplement={(issue) => {
          writes.setError(undefined)
          setTarget(issue)
        }}
      />
      <DescriptionField
        category={category}
        description={description}
        onChange={setDescription}
        disabled={writes.busy}
      />
      <PhotoStrip files={photos} onChange={setPhotos} disabled={writes.busy} />
      {nearest && (
        <CheckpointLink
          nearest={nearest}
          checked={useCheckpoint}
          onChange={setUseCheckpoint}
          disabled={writes.busy}
        />
      )}
      <SourceFields
        source={source}
        onSource={setSource}
        {...(rounds.roundChoices ? { rounds: rounds.roundChoices } : {})}
        roundId={rounds.roundId}
        onRound={rounds.setChosenRound}
        disabled={writes.busy}
      />
      <div className="m-submit">
        {writes.error && (
          <p className="m-error" role="alert" data-testid="m-error">
            {writes.error}
          </p>
        )}
        <button
          type="button"
          className="m-button m-button--primary m-button--wide"
          disabled={writes.busy}
          onClick={submit}
        >
          {writes.report.isPending
            ? '正在上报…'
            : duplicates.length
              ? '不是同一问题，仍然上报'
              : '提交上报'}
        </button>
      </div>
      {target && (
        <SupplementSheet
          target={target}
          photos={photos}
          description={description}
          onNote={setDescription}
          busy={writes.busy}
          sending={writes.supplement.isPending}
          error={writes.error}
          onBack={() => setTarget(undefined)}
          onSubmit={() => writes.supplement.mutate(target)}
        />
      )}
      <PickMapSheet place={place} />
    </div>
  )
}

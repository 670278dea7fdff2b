// 上报问题: the inspector clicks the map to place the issue (the screen handles the click and the
// marker), then fills in category, description, an optional nearby check point, where the problem
// came from (问题来源, and the 督查轮次 when the reporter records rounds) and photos.
// On success the ledger and the map's issues are invalidated, so the new issue shows at once.
import { useEffect, useState } from 'react'
import type { IssueCategory } from '../../../server/domain/issue.ts'
import type { IssueSource } from '../../../server/domain/supervision.ts'
import { type NamedPlace, nearestPlace } from '../../lib/geo.ts'
import { FormField } from '../../ui/form-field.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import type { IssueView } from './api.ts'
import { type FieldErrors, hasErrors, type ReportDraft, validateReport } from './issue-actions.ts'
import { PhotoPicker } from './photo-picker.tsx'
import {
  CategoryField,
  CheckpointField,
  DescriptionField,
  ReportError,
  ReportHeader,
  ReportPosition,
  RoundField,
} from './report-fields.tsx'
import { type RoundOption, SourceOptions } from './source-options.tsx'
import { useReportIssue } from './use-report-issue.ts'

export interface ReportPanelProps {
  lngLat?: [number, number]
  checkpoints: NamedPlace[]
  onCreated: (issue: IssueView, photoError?: string) => void
  onCancel: () => void
  onUnauthorized: () => void
  /** Rounds the reporter may record into (督导员, 管理员); undefined: no round picker. */
  rounds?: readonly ReportRound[]
}

export type ReportRound = RoundOption

const suggestWithinMeters = 300 // a check point farther away than this is rarely the right one

export function ReportPanel({
  lngLat,
  checkpoints,
  onCreated,
  onCancel,
  onUnauthorized,
  rounds,
}: ReportPanelProps) {
  const [category, setCategory] = useState<IssueCategory | ''>('')
  const [description, setDescription] = useState('')
  const [checkpointId, setCheckpointId] = useState<string>()
  const [photos, setPhotos] = useState<File[]>([])
  const [source, setSource] = useState<IssueSource | ''>('') // '': from the round or the role
  // the one round in progress is the default, also when the rounds arrive after the form opens
  const current = rounds?.filter((r) => r.current) ?? []
  const [chosenRound, setRoundId] = useState<string>()
  const roundId = chosenRound ?? (current.length === 1 ? (current[0]?.id ?? '') : '')
  const [errors, setErrors] = useState<FieldErrors>({})

  const nearest = lngLat ? nearestPlace(lngLat, checkpoints, suggestWithinMeters) : undefined
  useEffect(() => setCheckpointId(nearest?.place.id), [nearest?.place.id])

  const mutation = useReportIssue({
    source,
    roundId,
    photos,
    onCreated,
    onUnauthorized,
    onFieldErrors: setErrors,
  })
  const submit = () => {
    const draft: ReportDraft = { lngLat, category, description, checkpointId, photos }
    const found = validateReport(draft)
    setErrors(found)
    if (hasErrors(found) || !lngLat || !category) return
    mutation.mutate({ ...draft, lngLat, category })
  }

  const busy = mutation.isPending
  return (
    <aside
      className="panel feature-panel report-panel"
      aria-label="上报问题"
      data-testid="report-panel"
    >
      <ReportHeader busy={busy} onCancel={onCancel} />
      <SubmitForm className="report-form" noValidate onSubmit={() => submit()}>
        <ReportPosition lngLat={lngLat} error={errors.lngLat} />

        <CategoryField
          value={category}
          error={errors.category}
          disabled={busy}
          onChange={setCategory}
        />
        <DescriptionField
          value={description}
          error={errors.description}
          disabled={busy}
          onChange={setDescription}
        />

        <CheckpointField
          nearest={nearest}
          placed={Boolean(lngLat)}
          withinMeters={suggestWithinMeters}
          checkpointId={checkpointId}
          disabled={busy}
          onChange={setCheckpointId}
        />

        <FormField label="问题来源">
          <select
            name="source"
            value={source}
            disabled={busy}
            onChange={(e) => setSource(e.target.value as IssueSource | '')}
          >
            <SourceOptions byRound={Boolean(roundId)} />
          </select>
        </FormField>

        {rounds && (
          <RoundField rounds={rounds} roundId={roundId} disabled={busy} onChange={setRoundId} />
        )}

        <PhotoPicker files={photos} onChange={setPhotos} error={errors.photos} disabled={busy} />

        <ReportError formError={errors.form} error={mutation.error} />
        <p className="form-field__hint">所属乡镇和网格由系统按位置自动填写。</p>
        <div className="action-form__buttons">
          <button type="submit" className="button" disabled={busy}>
            {busy ? '正在上报…' : '提交上报'}
          </button>
          <button type="button" className="button is-plain" disabled={busy} onClick={onCancel}>
            取消
          </button>
        </div>
      </SubmitForm>
    </aside>
  )
}

// 上报问题: the inspector clicks the map to place the issue (the screen handles the click and the
// marker), then fills in category, description, an optional nearby check point, where the problem
// came from (问题来源, and the 督查轮次 when the reporter records rounds) and photos.
// On success the ledger and the map's issues are invalidated, so the new issue shows at once.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { type IssueCategory, issueCategories } from '../../../server/domain/issue.ts'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import type { IssueSource } from '../../../server/domain/supervision.ts'
import { ApiError } from '../../lib/api-client.ts'
import { type NamedPlace, nearestPlace } from '../../lib/geo.ts'
import { CheckboxLine } from '../../ui/checkbox-line.tsx'
import { FormField } from '../../ui/form-field.tsx'
import { optionsOf, SelectOptions } from '../../ui/labelled-select.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import { createIssue, type IssueView, invalidateIssues, uploadAttachment } from './api.ts'
import {
  type FieldErrors,
  hasErrors,
  maxDescriptionLength,
  type ReportDraft,
  toFieldErrors,
  validateReport,
} from './issue-actions.ts'
import { PhotoPicker } from './photo-picker.tsx'
import { type RoundOption, RoundOptions, SourceOptions } from './source-options.tsx'

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
  const queryClient = useQueryClient()
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

  const mutation = useMutation({
    mutationFn: async (
      draft: ReportDraft & { lngLat: [number, number]; category: IssueCategory },
    ) => {
      const issue = await createIssue({
        lngLat: draft.lngLat,
        category: draft.category,
        description: draft.description.trim(),
        ...(draft.checkpointId ? { checkpointId: draft.checkpointId } : {}),
        ...(source ? { source } : {}),
        ...(roundId ? { roundId } : {}),
      })
      // the issue exists now; a failed photo must not hide that
      let photoError: string | undefined
      try {
        for (const photo of photos) await uploadAttachment(issue.id, photo)
      } catch (error) {
        photoError = `问题已上报，但照片上传失败：${error instanceof Error ? error.message : '请在详情中重新添加。'}`
      }
      return { issue, photoError }
    },
    onSuccess: async ({ issue, photoError }) => {
      await invalidateIssues(queryClient)
      onCreated(issue, photoError)
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return
      if (error.status === 400) setErrors(toFieldErrors(error.fieldErrors, fieldNames))
      if (error.status === 401) onUnauthorized()
    },
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
      <header className="feature-panel__header">
        <div>
          <p className="feature-panel__kind">新问题</p>
          <h2 className="feature-panel__title">上报问题</h2>
        </div>
        <button
          type="button"
          className="icon-button"
          onClick={onCancel}
          aria-label="取消上报"
          disabled={busy}
        >
          ×
        </button>
      </header>
      <SubmitForm className="report-form" noValidate onSubmit={() => submit()}>
        <div
          className={`report-form__where${lngLat ? ' is-set' : ''}`}
          data-testid="report-position"
        >
          {lngLat ? (
            <>
              <strong>位置已选定</strong>
              <span>
                东经 {lngLat[0].toFixed(5)}°，北纬 {lngLat[1].toFixed(5)}°
              </span>
              <span className="muted">在地图上再次点击可调整位置</span>
            </>
          ) : (
            <>
              <strong>第 1 步：在地图上点击问题所在位置</strong>
              <span className="muted">鼠标在地图上显示为十字；按 Esc 取消上报</span>
            </>
          )}
          {errors.lngLat && <span className="form-error">{errors.lngLat}</span>}
        </div>

        <FormField label="问题类别" error={errors.category}>
          <select
            name="category"
            value={category}
            disabled={busy}
            aria-invalid={Boolean(errors.category)}
            onChange={(e) => setCategory(e.target.value as IssueCategory | '')}
          >
            <SelectOptions
              empty="请选择问题类别"
              options={optionsOf(issueCategories, issueCategoryLabels)}
            />
          </select>
        </FormField>

        <FormField label="问题描述" error={errors.description}>
          <textarea
            name="description"
            rows={3}
            maxLength={maxDescriptionLength}
            placeholder="写清地点和问题，例如：文华路菜市场门口占道经营，影响通行"
            value={description}
            disabled={busy}
            aria-invalid={Boolean(errors.description)}
            onChange={(e) => setDescription(e.target.value)}
          />
          <span className="form-field__hint">
            {description.trim().length} / {maxDescriptionLength} 字
          </span>
        </FormField>

        <FormField as="div" label="关联测评点位（可选）">
          {nearest ? (
            <CheckboxLine
              name="checkpoint"
              checked={checkpointId === nearest.place.id}
              disabled={busy}
              onChange={(checked) => setCheckpointId(checked ? nearest.place.id : undefined)}
            >
              <span>
                最近点位：{nearest.place.name}（约 {Math.round(nearest.meters)} 米）
              </span>
            </CheckboxLine>
          ) : (
            <span className="form-field__hint">
              {lngLat
                ? `${suggestWithinMeters} 米内没有测评点位，将不关联点位。`
                : '选定位置后自动推荐最近的测评点位。'}
            </span>
          )}
        </FormField>

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
          <FormField label="督查轮次（可选）">
            <select
              name="round"
              value={roundId}
              disabled={busy}
              onChange={(e) => setRoundId(e.target.value)}
            >
              <RoundOptions rounds={rounds} />
            </select>
            {rounds.length === 0 && (
              <span className="form-field__hint">尚未创建督查轮次：可在“督查”页创建。</span>
            )}
          </FormField>
        )}

        <PhotoPicker files={photos} onChange={setPhotos} error={errors.photos} disabled={busy} />

        {(mutation.isError || errors.form) && (
          <p className="form-error" role="alert" data-testid="report-error">
            {errors.form ??
              (mutation.error instanceof ApiError &&
              mutation.error.status === 400 &&
              mutation.error.fieldErrors.length
                ? '请按提示修改后重新提交。'
                : mutation.error?.message)}
          </p>
        )}
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

const fieldNames = ['lngLat', 'category', 'description', 'photos'] as const

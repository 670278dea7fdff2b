// The parts of the 上报问题 panel: its header, where the issue is, category and description, the
// nearby check point to link, the 督查轮次 and the error of the last submit.
import { type IssueCategory, issueCategories } from '../../../server/domain/issue.ts'
import { issueCategoryLabels } from '../../../server/domain/labels-zh.ts'
import { ApiError } from '../../lib/api-client.ts'
import type { NamedPlace } from '../../lib/geo.ts'
import { CheckboxLine } from '../../ui/checkbox-line.tsx'
import { FormField } from '../../ui/form-field.tsx'
import { optionsOf, SelectOptions } from '../../ui/labelled-select.tsx'
import { maxDescriptionLength } from './issue-actions.ts'
import { type RoundOption, RoundOptions } from './source-options.tsx'

export function ReportHeader({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
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
  )
}

export function ReportPosition(props: { lngLat?: [number, number]; error?: string }) {
  const { lngLat } = props
  return (
    <div className={`report-form__where${lngLat ? ' is-set' : ''}`} data-testid="report-position">
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
      {props.error && <span className="form-error">{props.error}</span>}
    </div>
  )
}

interface FieldProps<T> {
  value: T
  error?: string
  disabled: boolean
  onChange: (value: T) => void
}

export function CategoryField(props: FieldProps<IssueCategory | ''>) {
  return (
    <FormField label="问题类别" error={props.error}>
      <select
        name="category"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={Boolean(props.error)}
        onChange={(e) => props.onChange(e.target.value as IssueCategory | '')}
      >
        <SelectOptions
          empty="请选择问题类别"
          options={optionsOf(issueCategories, issueCategoryLabels)}
        />
      </select>
    </FormField>
  )
}

export function DescriptionField(props: FieldProps<string>) {
  return (
    <FormField label="问题描述" error={props.error}>
      <textarea
        name="description"
        rows={3}
        maxLength={maxDescriptionLength}
        placeholder="写清地点和问题，例如：文华路菜市场门口占道经营，影响通行"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={Boolean(props.error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span className="form-field__hint">
        {props.value.trim().length} / {maxDescriptionLength} 字
      </span>
    </FormField>
  )
}

/** 关联测评点位: the nearest check point within reach, linked unless unticked. */
export function CheckpointField(props: {
  nearest: { place: NamedPlace; meters: number } | undefined
  placed: boolean // a position is chosen
  withinMeters: number
  checkpointId: string | undefined
  disabled: boolean
  onChange: (checkpointId: string | undefined) => void
}) {
  const { nearest } = props
  return (
    <FormField as="div" label="关联测评点位（可选）">
      {nearest ? (
        <CheckboxLine
          name="checkpoint"
          checked={props.checkpointId === nearest.place.id}
          disabled={props.disabled}
          onChange={(checked) => props.onChange(checked ? nearest.place.id : undefined)}
        >
          <span>
            最近点位：{nearest.place.name}（约 {Math.round(nearest.meters)} 米）
          </span>
        </CheckboxLine>
      ) : (
        <span className="form-field__hint">
          {props.placed
            ? `${props.withinMeters} 米内没有测评点位，将不关联点位。`
            : '选定位置后自动推荐最近的测评点位。'}
        </span>
      )}
    </FormField>
  )
}

export function RoundField(props: {
  rounds: readonly RoundOption[]
  roundId: string
  disabled: boolean
  onChange: (roundId: string) => void
}) {
  return (
    <FormField label="督查轮次（可选）">
      <select
        name="round"
        value={props.roundId}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <RoundOptions rounds={props.rounds} />
      </select>
      {props.rounds.length === 0 && (
        <span className="form-field__hint">尚未创建督查轮次：可在“督查”页创建。</span>
      )}
    </FormField>
  )
}

/** The form's own error, else the server's: a 400 with field errors points at the fields. */
export function ReportError({ formError, error }: { formError?: string; error: Error | null }) {
  if (!error && !formError) return null
  return (
    <p className="form-error" role="alert" data-testid="report-error">
      {formError ??
        (error instanceof ApiError && error.status === 400 && error.fieldErrors.length
          ? '请按提示修改后重新提交。'
          : error?.message)}
    </p>
  )
}

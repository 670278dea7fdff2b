// The form behind one action button of the issue detail: 交办 (unit + deadline), 整改上报 (note +
// photos), 复查通过/不通过, 重新打开 (reason) and 添加备注. Photos upload first, then the
// transition goes out with their ids and the issue's version (a stale version → 409).
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { ApiError } from '../../lib/api-client.ts'
import { FormField } from '../../ui/form-field.tsx'
import { SelectOptions } from '../../ui/labelled-select.tsx'
import { SubmitForm } from '../../ui/submit-form.tsx'
import {
  addNote,
  type CodeName,
  type IssueDetail,
  invalidateIssues,
  issueKeys,
  transitionIssue,
  uploadAttachment,
  urgeIssue,
} from './api.ts'
import {
  type ActionForm as ActionFormValues,
  actionLabels,
  conflictMessage,
  deadlineHint,
  defaultDeadline,
  type FieldErrors,
  hasErrors,
  type IssueFormAction,
  maxNoteLength,
  toFieldErrors,
  toTransitionRequest,
  validateActionForm,
} from './issue-actions.ts'
import { PhotoPicker } from './photo-picker.tsx'

export interface ActionFormProps {
  issue: IssueDetail
  action: IssueFormAction
  units: CodeName[]
  onDone: (message: string) => void
  onConflict: (message: string) => void // 409/404: the issue changed under us and was reloaded
  onCancel: () => void
  onUnauthorized: () => void
}

const notePrompts: Record<IssueFormAction, { label: string; placeholder: string }> = {
  assign: { label: '交办说明（可选）', placeholder: '例如：请于期限前清理并反馈照片' },
  rectify: { label: '整改情况说明', placeholder: '例如：已清理占道摊点，设置隔离栏，安排专人值守' },
  approve: { label: '复查意见（可选）', placeholder: '例如：现场复查，整改到位' },
  reject: { label: '不通过的原因', placeholder: '例如：摊点仍在，整改不到位' },
  reopen: { label: '重新打开的原因', placeholder: '例如：群众再次反映，问题反弹' },
  note: { label: '备注内容', placeholder: '补充情况、联系记录等' },
  urge: {
    label: '催办内容（发给责任单位）',
    placeholder: '例如：请于明日 12 时前完成整改并上传照片',
  },
}

const deadlinePresets = [
  { label: '24 小时', days: 1 },
  { label: '3 天', days: 3 },
  { label: '7 天', days: 7 },
] as const

export function ActionForm({
  issue,
  action,
  units,
  onDone,
  onConflict,
  onCancel,
  onUnauthorized,
}: ActionFormProps) {
  const queryClient = useQueryClient()
  const id = useId()
  const [values, setValues] = useState<ActionFormValues>(() => ({
    note: '',
    responsibleUnit: issue.responsibleUnit && action === 'assign' ? issue.responsibleUnit : '',
    deadlineAt: action === 'assign' ? defaultDeadline(new Date()) : '',
    photos: [],
  }))
  const [photos, setPhotos] = useState<File[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const label = actionLabels[action]

  const mutation = useMutation({
    mutationFn: async () => {
      const attachmentIds: string[] = []
      for (const photo of photos) attachmentIds.push((await uploadAttachment(issue.id, photo)).id)
      if (action === 'note') return addNote(issue.id, values.note.trim(), attachmentIds)
      if (action === 'urge') return urgeIssue(issue.id, values.note.trim())
      return transitionIssue(
        issue.id,
        toTransitionRequest(action, values, issue.version, attachmentIds),
        label,
      )
    },
    onSuccess: async () => {
      await invalidateIssues(queryClient)
      onDone(successMessage(action, values, units))
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return
      if (error.status === 400) setErrors(toFieldErrors(error.fieldErrors, fieldNames))
      if (error.status === 401) onUnauthorized()
      // someone else moved the issue on: show its current state at once
      if (error.status === 409 || error.status === 404) {
        await invalidateIssues(queryClient)
        await queryClient.refetchQueries({ queryKey: issueKeys.detail(issue.id) })
        onConflict(failureMessage(error))
      }
    },
  })

  const submit = () => {
    const found = validateActionForm(action, { ...values, photos }, new Date())
    setErrors(found)
    if (!hasErrors(found)) mutation.mutate()
  }

  const prompt = notePrompts[action]
  const busy = mutation.isPending
  return (
    <SubmitForm
      className="action-form"
      data-testid="action-form"
      data-action={action}
      noValidate
      onSubmit={() => submit()}
    >
      <h4>{label}</h4>
      {action === 'assign' && (
        <>
          <FormField label="责任单位" error={errors.responsibleUnit}>
            <select
              name="responsibleUnit"
              value={values.responsibleUnit}
              disabled={busy}
              aria-invalid={Boolean(errors.responsibleUnit)}
              onChange={(e) => setValues({ ...values, responsibleUnit: e.target.value })}
            >
              <SelectOptions
                empty="请选择责任单位"
                options={units.map((u) => ({ value: u.code, label: u.name }))}
              />
            </select>
          </FormField>
          <div className="form-field">
            <label className="form-field__label" htmlFor={`${id}-deadline`}>
              整改期限（北京时间）
            </label>
            <div className="deadline-row">
              <input
                id={`${id}-deadline`}
                name="deadlineAt"
                type="datetime-local"
                value={values.deadlineAt}
                disabled={busy}
                aria-invalid={Boolean(errors.deadlineAt)}
                onChange={(e) => setValues({ ...values, deadlineAt: e.target.value })}
              />
              {deadlinePresets.map((p) => (
                <button
                  key={p.days}
                  type="button"
                  className="text-button"
                  disabled={busy}
                  onClick={() =>
                    setValues({ ...values, deadlineAt: defaultDeadline(new Date(), p.days) })
                  }
                >
                  {p.label}
                </button>
              ))}
            </div>
            <span className="form-field__hint" data-testid="deadline-hint">
              {deadlineHint(values.deadlineAt)}
            </span>
            {errors.deadlineAt && <span className="form-error">{errors.deadlineAt}</span>}
          </div>
        </>
      )}
      <FormField label={prompt.label} error={errors.note}>
        <textarea
          name="note"
          rows={3}
          maxLength={maxNoteLength}
          placeholder={prompt.placeholder}
          value={values.note}
          disabled={busy}
          aria-invalid={Boolean(errors.note)}
          onChange={(e) => setValues({ ...values, note: e.target.value })}
        />
      </FormField>
      {(action === 'rectify' || action === 'note') && (
        <PhotoPicker
          files={photos}
          onChange={setPhotos}
          error={errors.photos}
          disabled={busy}
          label={action === 'rectify' ? '整改后照片（可选）' : '照片（可选）'}
        />
      )}
      {(mutation.isError || errors.form) && (
        <p className="form-error" role="alert" data-testid="action-form-error">
          {errors.form ?? failureMessage(mutation.error)}
        </p>
      )}
      <div className="action-form__buttons">
        <button
          type="submit"
          className={`button${action === 'reject' || action === 'reopen' ? ' is-danger' : ''}`}
          disabled={busy}
        >
          {busy ? (photos.length ? '正在上传照片…' : '正在提交…') : `确认${label}`}
        </button>
        <button type="button" className="button is-plain" disabled={busy} onClick={onCancel}>
          取消
        </button>
      </div>
    </SubmitForm>
  )
}

const fieldNames = ['note', 'responsibleUnit', 'deadlineAt', 'photos', 'attachmentIds'] as const

function failureMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '提交失败，请重试。'
  if (error.status === 404) return '找不到该问题，可能已被删除。请关闭详情后刷新台账。'
  if (error.status === 409) return conflictMessage(error.problem?.current)
  if (error.status === 400 && error.fieldErrors.length) return '请按提示修改后重新提交。'
  return error.message
}

function successMessage(
  action: IssueFormAction,
  values: ActionFormValues,
  units: CodeName[],
): string {
  switch (action) {
    case 'assign': {
      const unit =
        units.find((u) => u.code === values.responsibleUnit)?.name ?? values.responsibleUnit
      return `已交办给${unit}。`
    }
    case 'rectify':
      return '整改情况已上报，等待督导员复查。'
    case 'approve':
      return '复查通过，问题已销号。'
    case 'reject':
      return '复查不通过，问题已退回整改。'
    case 'reopen':
      return '问题已重新打开，退回整改。'
    case 'note':
      return '备注已添加。'
    case 'urge':
      return '已催办：责任单位经办人会在消息中心收到。'
  }
}

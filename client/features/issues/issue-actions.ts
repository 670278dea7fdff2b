// What a user can do to an issue: the buttons (from the server's `allowedActions`; the server
// enforces, the client only hides), their forms' validation and the request each form becomes. Pure.
import { type IssueCategory, issueCategories } from '../../../server/domain/issue.ts'
import { issueEventLabels, issueStatusLabels } from '../../../server/domain/labels-zh.ts'
import { formatBytes, formatDateTime, fromShanghaiLocal } from '../../lib/format.ts'
import type { TransitionRequest } from './api.ts'

export const transitionActions = ['assign', 'rectify', 'approve', 'reject', 'reopen'] as const
export type TransitionAction = (typeof transitionActions)[number]
/** What a form on an issue does: a transition, a note, or a 催办 (a note plus a message to the unit). */
export type IssueFormAction = TransitionAction | 'note' | 'urge'

export const actionLabels: Record<IssueFormAction, string> = {
  assign: issueEventLabels.assign,
  rectify: issueEventLabels.rectify,
  approve: issueEventLabels.approve,
  reject: issueEventLabels.reject,
  reopen: issueEventLabels.reopen,
  note: '添加备注', // the button; the event itself reads 备注
  urge: '催办',
}

export type ActionTone = 'primary' | 'danger' | 'plain'

export interface ActionButton {
  action: IssueFormAction
  label: string
  tone: ActionTone
}

const tones: Record<IssueFormAction, ActionTone> = {
  assign: 'primary',
  rectify: 'primary',
  approve: 'primary',
  reject: 'danger',
  reopen: 'danger',
  note: 'plain',
  urge: 'plain',
}

/**
 * The buttons to show, in workflow order: the transitions the server allows this user on this
 * issue now, then 添加备注 when it allows notes. Unknown action names are ignored.
 */
export function actionButtons(allowedActions: readonly string[]): ActionButton[] {
  const actions: IssueFormAction[] = transitionActions.filter((a) => allowedActions.includes(a))
  if (allowedActions.includes('note')) actions.push('note')
  if (allowedActions.includes('urge')) actions.push('urge')
  return actions.map((action) => ({ action, label: actionLabels[action], tone: tones[action] }))
}

export interface PhotoFile {
  name: string
  type: string
  size: number // bytes
}

export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
export const maxPhotoBytes = 5 * 1024 * 1024 // the server's limit per photo
export const maxPhotos = 6
export const maxNoteLength = 2000 // characters
export const maxDescriptionLength = 500

/** Why a photo cannot be uploaded, or undefined when it can. */
export function photoProblem(file: PhotoFile): string | undefined {
  if (!(photoTypes as readonly string[]).includes(file.type)) {
    return `“${file.name}”不是 JPG、PNG 或 WebP 图片，请换一张。`
  }
  if (file.size > maxPhotoBytes) {
    return `“${file.name}”有 ${formatBytes(file.size)}，超过 5 MB，请压缩后再上传。`
  }
  if (file.size === 0) return `“${file.name}”是空文件，请换一张。`
  return undefined
}

export interface ActionForm {
  note: string
  responsibleUnit: string
  deadlineAt: string // datetime-local value, Beijing time
  photos: PhotoFile[]
}

export type FieldErrors = Partial<
  Record<keyof ActionForm | 'lngLat' | 'category' | 'description' | 'form', string>
>

const noteRequired: Partial<Record<IssueFormAction, string>> = {
  rectify: '请填写整改情况说明。',
  reject: '请填写复查不通过的原因。',
  reopen: '请填写重新打开的原因。',
  note: '请填写备注内容。',
  urge: '请填写催办内容。',
}

/** Field errors of an action form in Chinese; empty when the form can be sent. */
export function validateActionForm(
  action: IssueFormAction,
  form: ActionForm,
  now: Date,
): FieldErrors {
  const errors: FieldErrors = {}
  const note = form.note.trim()
  const required = noteRequired[action]
  if (required && !note) errors.note = required
  else if (note.length > maxNoteLength) errors.note = `说明不能超过 ${maxNoteLength} 字。`
  if (action === 'assign') {
    if (!form.responsibleUnit) errors.responsibleUnit = '请选择责任单位。'
    const deadline = fromShanghaiLocal(form.deadlineAt)
    if (!form.deadlineAt) errors.deadlineAt = '请填写整改期限。'
    else if (!deadline) errors.deadlineAt = '整改期限的格式不对，请重新选择日期和时间。'
    else if (Date.parse(deadline) <= now.getTime()) errors.deadlineAt = '整改期限必须晚于当前时间。'
  }
  if (action === 'rectify' || action === 'note') {
    if (form.photos.length > maxPhotos) errors.photos = `最多上传 ${maxPhotos} 张照片。`
    const bad = form.photos.map(photoProblem).find(Boolean)
    if (bad) errors.photos = bad
  }
  return errors
}

/** The transition body for a valid form; photos are uploaded first and passed as ids. */
export function toTransitionRequest(
  action: TransitionAction,
  form: ActionForm,
  version: number,
  attachmentIds: string[] = [],
): TransitionRequest {
  const request: TransitionRequest = { action, version }
  const note = form.note.trim()
  if (note) request.note = note
  if (action === 'assign') {
    request.responsibleUnit = form.responsibleUnit
    request.deadlineAt = fromShanghaiLocal(form.deadlineAt)
  }
  if (attachmentIds.length) request.attachmentIds = attachmentIds
  return request
}

/** A sensible default deadline: `days` from now at 18:00 Beijing time, as a datetime-local value. */
export function defaultDeadline(now: Date, days = 3): string {
  const local = new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000)
  return `${local.toISOString().slice(0, 10)}T18:00`
}

/** The chosen deadline spelled out, since the browser may show the picker in its own locale. */
export function deadlineHint(local: string, now = new Date()): string {
  const iso = fromShanghaiLocal(local)
  if (!iso) return '快捷选择：从今天起 1、3 或 7 天后的 18:00'
  const hours = Math.round((Date.parse(iso) - now.getTime()) / 3_600_000)
  const span =
    hours >= 48 ? `约 ${Math.round(hours / 24)} 天后` : hours > 0 ? `约 ${hours} 小时后` : '已过'
  return `即北京时间 ${formatDateTime(iso)}（${span}）`
}

export interface ReportDraft {
  lngLat?: [number, number]
  category: IssueCategory | ''
  description: string
  checkpointId?: string
  photos: PhotoFile[]
}

/** Field errors of the 上报问题 form. */
export function validateReport(draft: ReportDraft): FieldErrors {
  const errors: FieldErrors = {}
  if (!draft.lngLat) errors.lngLat = '请先在地图上点击问题所在位置。'
  if (!draft.category || !(issueCategories as readonly string[]).includes(draft.category)) {
    errors.category = '请选择问题类别。'
  }
  const description = draft.description.trim()
  if (!description) errors.description = '请描述发现的问题，例如“南门菜市场门口占道经营”。'
  else if (description.length < 4) errors.description = '问题描述太短，请至少写 4 个字。'
  else if (description.length > maxDescriptionLength)
    errors.description = `问题描述不能超过 ${maxDescriptionLength} 字。`
  if (draft.photos.length > maxPhotos) errors.photos = `最多上传 ${maxPhotos} 张照片。`
  const bad = draft.photos.map(photoProblem).find(Boolean)
  if (bad) errors.photos = bad
  return errors
}

/** Server field errors (400 `errors: [{ field, message }]`) → form errors; unknown fields → form. */
export function toFieldErrors(
  errors: readonly { field: string; message: string }[],
  known: readonly string[],
): FieldErrors {
  const out: Record<string, string> = {}
  for (const { field, message } of errors) {
    const key = known.find(
      (k) => field === k || field.startsWith(`${k}.`) || field.startsWith(`${k}[`),
    )
    const target = key ?? 'form'
    out[target] = out[target] ? `${out[target]} ${message}` : message
  }
  return out as FieldErrors
}

/** 409: the server's detail speaks of versions; the user needs to know what happened and what now. */
export function conflictMessage(current: unknown): string {
  const status = (current as { status?: string } | undefined)?.status
  const label = status ? (issueStatusLabels as Record<string, string>)[status] : undefined
  const now = label ? `（现在是“${label}”）` : ''
  return `该问题刚被他人处理${now}，您的操作未提交。已重新加载最新状态，请确认后再操作。`
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean)
}

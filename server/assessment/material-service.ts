// 材料审核 use cases over the Store: a unit's tasks (倒排工期), opening a material, its 说明报告 and files,
// submitting, the 创建办's review, completion, and the 签字移交. Each function checks who may act on
// which material (scope); the route table (http/authorise.ts) has already checked the role.
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import {
  Conflict,
  FileTooLarge,
  FileTypeRejected,
  Forbidden,
  InvalidInput,
} from '../domain/errors.ts'
import {
  actionResult,
  actionsFrom,
  canApply,
  isEditable,
  type Material,
  type MaterialAction,
  type MaterialFile,
  type MaterialReport,
  type MaterialStatus,
  materialStatusLabels,
  submitProblems,
} from '../domain/material.ts'
import {
  type MaterialCompletion,
  type MaterialSummary,
  type MaterialTask,
  materialCompletion,
  materialTasks,
} from '../domain/material-completion.ts'
import {
  beijingDayOf,
  type MaterialSchedule,
  type MaterialStandard,
  partOf,
  scheduleDates,
} from '../domain/material-schedule.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import { sizeAndHash, writeUploadFile } from '../ledger/attachments.ts'
import type { Handover, MaterialFilter } from '../storage/material-store.ts'
import type { Store } from '../storage/store.ts'
import {
  cleanTitle,
  isMaterialFileType,
  materialFileTypes,
  maxBytesFor,
  sniffMaterialType,
} from './material-files.ts'

/** Where the 材料审核 标准 of a year come from (the 测评体系; see material-standards.ts). */
export interface MaterialStandardSource {
  /** The 标准 of the year's system whose method is 材料审核, in the system's order. */
  materialStandards(year: number): Promise<MaterialStandard[]>
}

export interface MaterialContext {
  store: Store
  standards: MaterialStandardSource
  schedule: MaterialSchedule
  attachmentsDir: string
}

/** 创建办 and county leaders read every unit's materials; a unit operator reads their own unit's. */
export function isMaterialReader(user: User): boolean {
  return ['admin', 'inspector', 'commander', 'planner'].includes(user.role)
}

function assertReads(user: User, unitCode: string): void {
  if (isMaterialReader(user)) return
  if (user.role === 'unit-operator' && user.unitCode === unitCode) return
  throw new Forbidden('只能查看本单位的台账材料')
}

/** The unit the caller may read: a unit operator's own, else the asked one (or all). */
export function readableUnit(user: User, asked: string | undefined): string | undefined {
  if (user.role === 'unit-operator') {
    if (asked !== undefined && asked !== user.unitCode)
      throw new Forbidden('只能查看本单位的台账材料')
    return user.unitCode ?? '\u0000'
  }
  if (!isMaterialReader(user)) throw new Forbidden('无权查看台账材料')
  return asked
}

/** A unit operator acts on their own unit's materials only; an administrator on any. */
function assertSubmitter(user: User, unitCode: string): void {
  if (!hasPermission(user, 'material_submit')) throw new Forbidden('无权上报台账材料')
  if (user.role === 'unit-operator' && user.unitCode !== unitCode) {
    throw new Forbidden('只能为本单位上报台账材料')
  }
}

export async function materialOr404(store: Store, id: string): Promise<Material> {
  const m = await store.material(id)
  if (!m) throw new RecordNotFound(`没有编号为 ${id} 的台账材料`)
  return m
}

function toSummary(m: Material): MaterialSummary {
  return {
    id: m.id,
    standardCode: m.standardCode,
    unitCode: m.unitCode,
    status: m.status,
    ...(m.reviewedAt ? { reviewedAt: m.reviewedAt } : {}),
    ...(m.submittedAt ? { submittedAt: m.submittedAt } : {}),
    photoCount: m.files.filter((f) => f.kind === 'photo').length,
    documentCount: m.files.filter((f) => f.kind === 'document').length,
  }
}

/** Every task of the schedule's year, optionally of one unit. */
export async function tasksOf(
  ctx: MaterialContext,
  now: Date,
  unitCode?: string,
): Promise<{ tasks: MaterialTask[]; standards: MaterialStandard[] }> {
  const { year } = ctx.schedule
  const standards = await ctx.standards.materialStandards(year)
  const materials = await ctx.store.materials({ year, ...(unitCode ? { unitCode } : {}) })
  const tasks = materialTasks(standards, materials.map(toSummary), ctx.schedule, now)
  return { tasks: unitCode ? tasks.filter((t) => t.unitCode === unitCode) : tasks, standards }
}

export async function completionOf(ctx: MaterialContext, now: Date): Promise<MaterialCompletion> {
  const { tasks, standards } = await tasksOf(ctx, now)
  return materialCompletion(standards, tasks)
}

/** The schedule as the screens show it: the year, the assessment day and the milestones. */
export function scheduleView(schedule: MaterialSchedule, now: Date) {
  return { ...schedule, ...scheduleDates(schedule), today: beijingDayOf(now) }
}

/** Opens (or finds) the unit's material for a 标准 of this year's system. */
export async function openMaterial(
  ctx: MaterialContext,
  user: User,
  input: { standardCode: string; unitCode?: string | undefined },
  now: Date,
): Promise<Material> {
  const unitCode = user.role === 'unit-operator' ? user.unitCode : input.unitCode
  if (!unitCode) throw new InvalidInput([{ field: 'unitCode', message: '请选择责任单位' }])
  assertSubmitter(user, unitCode)
  const { year } = ctx.schedule
  const standard = (await ctx.standards.materialStandards(year)).find(
    (s) => s.code === input.standardCode,
  )
  if (!standard) {
    throw new InvalidInput([
      {
        field: 'standardCode',
        message: `${year} 年测评体系中没有需材料审核的标准 ${input.standardCode}`,
      },
    ])
  }
  if (!partOf(standard, unitCode)) {
    throw new Forbidden(`标准 ${standard.code} 不由该单位牵头或负责，无需上报台账材料`)
  }
  return ctx.store.openMaterial(
    { year, standardCode: standard.code, unitCode },
    user.username,
    now.toISOString(),
  )
}

function notEditable(m: Material): Conflict {
  return new Conflict(
    `台账材料${materialStatusLabels[m.status]}，不能修改；退回后才能再改`,
    actionsFrom(m.status),
    { status: m.status },
  )
}

const editable: readonly MaterialStatus[] = ['draft', 'returned'] // what its unit may still change

/** The material, if the user's unit may still change it: else a 404, 403 or 409. */
async function editableMaterial(ctx: MaterialContext, user: User, id: string): Promise<Material> {
  const m = await materialOr404(ctx.store, id)
  assertSubmitter(user, m.unitCode)
  if (!isEditable(m.status)) throw notEditable(m)
  return m
}

/** A write the store refused because the status moved on meanwhile: the 409 of the status now. */
async function changedMeanwhile(ctx: MaterialContext, id: string): Promise<never> {
  throw notEditable(await materialOr404(ctx.store, id))
}

export async function saveReport(
  ctx: MaterialContext,
  user: User,
  id: string,
  report: MaterialReport,
  now: Date,
): Promise<Material> {
  await editableMaterial(ctx, user, id)
  const saved = await ctx.store.saveReport(id, report, editable, user.username, now.toISOString())
  return saved ?? changedMeanwhile(ctx, id)
}

/** Checks and stores one uploaded file of a material; returns its metadata. */
export async function uploadFile(
  ctx: MaterialContext,
  user: User,
  id: string,
  upload: { contentType: string | undefined; bytes: Uint8Array; title: string | undefined },
  now: Date,
): Promise<MaterialFile> {
  await editableMaterial(ctx, user, id)
  const declared = (upload.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!isMaterialFileType(declared)) {
    throw new FileTypeRejected(
      `不支持的文件类型 ${JSON.stringify(declared.slice(0, 80) || '（未声明）')}：请上传 PDF、Word（.docx）、Excel（.xlsx）或 JPG/PNG/WebP 图片`,
    )
  }
  if (upload.bytes.length === 0) throw new InvalidInput([{ field: 'body', message: '文件是空的' }])
  if (upload.bytes.length > maxBytesFor(declared)) {
    throw new FileTooLarge(`文件超过 ${maxBytesFor(declared) / 1024 / 1024} MB`)
  }
  const actual = sniffMaterialType(upload.bytes)
  const type = materialFileTypes[declared]
  if (actual !== declared || !type) {
    throw new FileTypeRejected(
      `文件内容不是 ${type?.label ?? declared}（声明为 ${declared}）：请上传真实的文件，不要只改扩展名`,
    )
  }
  const fileId = `mf-${randomBytes(12).toString('hex')}`
  const fileName = `${fileId}.${type.extension}`
  const path = await writeUploadFile(ctx.attachmentsDir, fileName, upload.bytes)
  const file: MaterialFile = {
    id: fileId,
    materialId: id,
    kind: type.kind,
    contentType: actual,
    ...sizeAndHash(upload.bytes),
    fileName,
    title: cleanTitle(upload.title, `${type.kind === 'photo' ? '照片' : '文件'}.${type.extension}`),
    uploadedBy: user.username,
    createdAt: now.toISOString(),
  }
  const added = await ctx.store.addMaterialFile(file, editable).catch(async (e) => {
    await rm(path, { force: true }) // no file without its row
    throw e
  })
  if (!added) {
    await rm(path, { force: true })
    return changedMeanwhile(ctx, id)
  }
  return file
}

export async function removeFile(
  ctx: MaterialContext,
  user: User,
  id: string,
  fileId: string,
  now: Date,
): Promise<void> {
  const m = await materialOr404(ctx.store, id)
  assertSubmitter(user, m.unitCode)
  if (!m.files.some((f) => f.id === fileId)) throw new RecordNotFound('没有这个文件')
  if (!isEditable(m.status)) throw notEditable(m)
  const removed =
    (await ctx.store.removeMaterialFile(id, fileId, editable, user.username, now.toISOString())) ??
    (await changedMeanwhile(ctx, id))
  await rm(materialFilePath(ctx.attachmentsDir, removed), { force: true })
}

/** 上报 (unit) or 审核 (创建办: 合格 / 退回 with a reason). */
export async function actOn(
  ctx: MaterialContext,
  user: User,
  id: string,
  action: MaterialAction,
  reason: string | undefined,
  now: Date,
): Promise<Material> {
  const m = await materialOr404(ctx.store, id)
  if (action === 'submit') {
    assertSubmitter(user, m.unitCode)
    const problems = submitProblems(m)
    if (problems.length > 0 && canApply(m.status, 'submit')) {
      throw new InvalidInput(problems.map((message) => ({ field: 'material', message })))
    }
  } else {
    if (!hasPermission(user, 'material_review')) throw new Forbidden('仅创建办可审核台账材料')
    if (action === 'return' && !reason?.trim()) {
      throw new InvalidInput([{ field: 'reason', message: '退回须写明原因' }])
    }
  }
  const moved = canApply(m.status, action)
    ? await ctx.store.moveMaterial(id, {
        from: [m.status],
        to: actionResult[action],
        action,
        by: user.username,
        at: now.toISOString(),
        ...(action === 'return' && reason ? { reason: reason.trim() } : {}),
      })
    : undefined
  if (!moved) {
    const current = await materialOr404(ctx.store, id)
    throw new Conflict(
      `台账材料${materialStatusLabels[current.status]}，不能${action === 'submit' ? '上报' : '审核'}`,
      actionsFrom(current.status),
      { status: current.status },
    )
  }
  return moved
}

/** Whether the caller may read the material (and its files): its unit, or the 创建办. */
export async function readableMaterial(store: Store, user: User, id: string): Promise<Material> {
  const m = await materialOr404(store, id)
  assertReads(user, m.unitCode)
  return m
}

/** Where a stored material file's bytes are; the name is ours, never a client's path. */
export function materialFilePath(dir: string, file: Pick<MaterialFile, 'fileName'>): string {
  if (!/^mf-[0-9a-f]{24}\.(pdf|docx|xlsx|jpg|png|webp)$/.test(file.fileName)) {
    throw new Error(`unexpected material file name ${file.fileName}`)
  }
  return join(dir, file.fileName)
}

export async function listMaterials(
  ctx: MaterialContext,
  user: User,
  filter: Omit<MaterialFilter, 'year'>,
): Promise<Material[]> {
  const unitCode = readableUnit(user, filter.unitCode)
  return ctx.store.materials({
    ...filter,
    year: ctx.schedule.year,
    ...(unitCode !== undefined ? { unitCode } : {}),
  })
}

/** 签字移交: the unit hands over its approved materials, signed by its principal leader. */
export async function addHandover(
  ctx: MaterialContext,
  user: User,
  input: {
    unitCode?: string | undefined
    signedByName: string
    signedByTitle: string
    signedOn: string
  },
  now: Date,
): Promise<Handover> {
  const unitCode = user.role === 'unit-operator' ? user.unitCode : input.unitCode
  if (!unitCode) throw new InvalidInput([{ field: 'unitCode', message: '请选择责任单位' }])
  assertSubmitter(user, unitCode)
  const approved = await ctx.store.materials({
    year: ctx.schedule.year,
    unitCode,
    status: 'approved',
  })
  if (approved.length === 0) {
    throw new InvalidInput([
      { field: 'materials', message: '本单位还没有审核合格的台账材料可移交' },
    ])
  }
  return ctx.store.addHandover({
    year: ctx.schedule.year,
    unitCode,
    materialIds: approved.map((m) => m.id),
    signedByName: input.signedByName,
    signedByTitle: input.signedByTitle,
    signedOn: input.signedOn,
    handedOverBy: user.username,
    createdAt: now.toISOString(),
  })
}

export async function receiveHandover(
  ctx: MaterialContext,
  user: User,
  id: string,
  now: Date,
): Promise<Handover> {
  if (!hasPermission(user, 'material_review')) throw new Forbidden('仅创建办可接收移交的台账')
  const received = await ctx.store.receiveHandover(id, user.username, now.toISOString())
  if (!received) throw new RecordNotFound(`没有编号为 ${id} 的移交记录`)
  return received
}

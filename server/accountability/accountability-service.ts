// 问责 records: the 创建办 (管理员) or the 指挥长 records an accountability step against a unit or a
// township, with the issues it concerns, the day and who decided; its document (a PDF or a scan) is
// uploaded after, checked like the photos (same 5 MB limit, the type by magic bytes).
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import {
  type AccountabilityDocument,
  type AccountabilityRecord,
  accountabilityKinds,
  accountabilityTargets,
} from '../domain/accountability.ts'
import { Forbidden, InvalidInput } from '../domain/errors.ts'
import { issueNoPattern } from '../domain/issue-number.ts'
import { roleLabels } from '../domain/labels-zh.ts'
import { RecordNotFound } from '../domain/not-found.ts'
import { hasPermission, type User } from '../domain/roles.ts'
import {
  sizeAndHash,
  sniffImageType,
  type Upload,
  uploadType,
  writeUploadFile,
} from '../ledger/attachments.ts'
import type { Store } from '../storage/store.ts'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD')

export const accountabilityBody = z
  .object({
    targetKind: z.enum(accountabilityTargets, '问责对象须为 unit（责任单位）或 township（乡镇）'),
    targetCode: z.string().trim().min(1, '请选择问责对象').max(60),
    kind: z.enum(
      accountabilityKinds,
      '问责方式须为 提醒谈话、约谈、通报批评、曝光 或 移交纪检（reminder-talk、interview、criticism、exposure、discipline-referral）',
    ),
    decidedOn: day,
    decidedBy: z.string().trim().min(2, '决定机关至少 2 个字').max(60, '决定机关至多 60 个字'),
    note: z.string().trim().max(500, '说明至多 500 个字').default(''),
    issueIds: z
      .array(z.string().trim().min(1).max(60))
      .max(200, '至多关联 200 个问题')
      .default([])
      .describe('涉及问题：问题编号（如 2026-000123）或问题 id；保存为 id'),
  })
  .strict()

export const accountabilityQuery = z
  .object({
    target: z.string().min(1).max(60).optional(),
    kind: z.enum(accountabilityKinds, '未知的问责方式').optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict()

function assertMayRecord(user: User): void {
  if (!hasPermission(user, 'accountability_record')) {
    throw new Forbidden(`${roleLabels[user.role]}无权记录问责`)
  }
}

/** The issue a person named: by its 问题编号 (what the screens show) or by its id; the id kept. */
async function issueIdOf(store: Store, text: string): Promise<string | undefined> {
  if (issueNoPattern.test(text)) {
    const page = await store.features('issues', {
      properties: { issueNo: text },
      limit: 1,
      offset: 0,
    })
    const [json] = page.features
    return json === undefined ? undefined : String(JSON.parse(json).id)
  }
  return (await store.issue(text)) ? text : undefined
}

export async function recordAccountability(
  store: Store,
  user: User,
  input: z.infer<typeof accountabilityBody>,
  now: Date,
): Promise<AccountabilityRecord> {
  assertMayRecord(user)
  if (input.targetKind === 'unit') {
    if (!(await store.units()).some((u) => u.code === input.targetCode)) {
      throw new InvalidInput([{ field: 'targetCode', message: '没有这个责任单位' }])
    }
  } else if (!(await store.feature('townships', input.targetCode))) {
    throw new InvalidInput([{ field: 'targetCode', message: '没有这个乡镇' }])
  }
  const issueIds: string[] = []
  for (const [index, text] of input.issueIds.entries()) {
    const id = await issueIdOf(store, text)
    if (!id) {
      throw new InvalidInput([{ field: `issueIds.${index}`, message: `没有编号为 ${text} 的问题` }])
    }
    if (!issueIds.includes(id)) issueIds.push(id)
  }
  const record = {
    ...input,
    issueIds,
    id: `acc-${randomBytes(8).toString('hex')}`,
    recordedBy: user.username,
    recordedAt: now.toISOString(),
  }
  await store.addAccountability(record)
  return record
}

export const documentTypes = {
  'application/pdf': { extension: 'pdf', label: 'PDF' },
  'image/jpeg': { extension: 'jpg', label: 'JPEG' },
  'image/png': { extension: 'png', label: 'PNG' },
  'image/webp': { extension: 'webp', label: 'WebP' },
} as const
type DocumentType = keyof typeof documentTypes

/** The document type the bytes start with (%PDF- or an image), whatever the request claimed. */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | undefined {
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
  if (pdf.every((b, i) => bytes[i] === b)) return 'application/pdf'
  return sniffImageType(bytes)
}

/** Checks and stores a record's document (replacing an earlier one's metadata). */
export async function saveAccountabilityDocument(
  store: Store,
  dir: string,
  user: User,
  id: string,
  upload: Upload,
  now: Date,
): Promise<AccountabilityDocument> {
  assertMayRecord(user)
  if (!(await store.accountability(id))) throw new RecordNotFound('没有这条问责记录')
  const actual = uploadType(upload, documentTypes, sniffDocumentType, {
    accepted: '请上传 PDF 或 JPG、PNG、WebP 扫描件',
    noun: '文书',
    kind: '文件',
  })
  const fileName = `accdoc-${randomBytes(12).toString('hex')}.${documentTypes[actual].extension}`
  const path = await writeUploadFile(dir, fileName, upload.bytes)
  const document: AccountabilityDocument = {
    contentType: actual,
    ...sizeAndHash(upload.bytes),
    fileName,
    uploadedAt: now.toISOString(),
  }
  if (!(await store.setAccountabilityDocument(id, document))) {
    await rm(path, { force: true })
    throw new RecordNotFound('没有这条问责记录')
  }
  return document
}

/** Where a stored document's bytes are; the name is ours, never a client's path. */
export function documentPath(dir: string, document: AccountabilityDocument): string {
  if (!/^accdoc-[0-9a-f]{24}\.(pdf|jpg|png|webp)$/.test(document.fileName)) {
    throw new Error(`unexpected document file name ${document.fileName}`)
  }
  return join(dir, document.fileName)
}

// Photos (整改照片): JPEG, PNG or WebP up to 5 MB, the type checked by magic bytes, saved under a
// generated name in the attachments folder beside the database; only metadata goes to the store.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FileTooLarge, FileTypeRejected, Forbidden, InvalidInput } from '../domain/errors.ts'
import { hasPermission, owns, type User } from '../domain/roles.ts'
import { toIsoString } from '../ogc/feature-collection.ts'
import type { AttachmentRecord } from '../storage/ledger-store.ts'
import type { Store } from '../storage/store.ts'
import { issueOr404 } from './issue-writes.ts'

export const maxAttachmentBytes = 5 * 1024 * 1024 // per photo

export const attachmentTypes = {
  'image/jpeg': { extension: 'jpg', label: 'JPEG' },
  'image/png': { extension: 'png', label: 'PNG' },
  'image/webp': { extension: 'webp', label: 'WebP' },
} as const
export type AttachmentType = keyof typeof attachmentTypes

/** The image type the bytes start with, whatever the request claimed; undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): AttachmentType | undefined {
  const starts = (offset: number, ...signature: number[]) =>
    signature.every((b, i) => bytes[offset + i] === b)
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  // RIFF <size> WEBP
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp'
  return undefined
}

export interface Upload {
  contentType: string | undefined // as the request declared it
  bytes: Uint8Array
}

/**
 * The checks every stored file passes, in order: a declared type we take, not empty, within 5 MB,
 * and bytes that are what the type says (by magic bytes, whatever the request claimed). Its type.
 */
export function uploadType<T extends string>(
  upload: Upload,
  types: Readonly<Record<T, { label: string }>>,
  sniff: (bytes: Uint8Array) => T | undefined,
  words: { accepted: string; noun: string; kind: string }, // 请上传 JPG、PNG 或 WebP 图片; 照片; 图片
): T {
  const declared = (upload.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!Object.hasOwn(types, declared)) {
    throw new FileTypeRejected(
      `不支持的文件类型 ${JSON.stringify(declared.slice(0, 60) || '（未声明）')}：${words.accepted}`,
    )
  }
  if (upload.bytes.length === 0) throw new InvalidInput([{ field: 'body', message: '文件是空的' }])
  if (upload.bytes.length > maxAttachmentBytes) {
    throw new FileTooLarge(`${words.noun}超过 5 MB，请压缩后再上传`)
  }
  const actual = sniff(upload.bytes)
  if (actual === undefined || actual !== declared) {
    throw new FileTypeRejected(
      `文件内容不是 ${types[declared as T].label} ${words.kind}（声明为 ${declared}）：请上传真实的${words.noun}文件`,
    )
  }
  return actual
}

/** What a stored file's record keeps of its bytes: their number and SHA-256. */
export function sizeAndHash(bytes: Uint8Array): { bytes: number; sha256: string } {
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
}

/** Writes the bytes under our own name, whole or not at all (a partial file, then renamed). */
export async function writeUploadFile(
  dir: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<string> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, fileName)
  const partial = `${path}.part`
  await writeFile(partial, bytes, { flag: 'wx' })
  await rename(partial, path)
  return path
}

/** Checks and stores one photo of an issue; returns its metadata. */
export async function saveAttachment(
  store: Store,
  dir: string,
  user: User,
  issueId: string,
  upload: Upload,
  now: Date,
): Promise<AttachmentRecord> {
  const issue = await issueOr404(store, issueId)
  if (!hasPermission(user, 'issue_note') || !owns(user, issue.properties)) {
    throw new Forbidden('您不能给此问题上传照片')
  }
  const actual = uploadType(upload, attachmentTypes, sniffImageType, {
    accepted: '请上传 JPG、PNG 或 WebP 图片',
    noun: '照片',
    kind: '图片',
  })
  const id = `att-${randomBytes(12).toString('hex')}`
  const fileName = `${id}.${attachmentTypes[actual].extension}`
  const path = await writeUploadFile(dir, fileName, upload.bytes)
  const record: AttachmentRecord = {
    id,
    issueId,
    contentType: actual,
    ...sizeAndHash(upload.bytes),
    fileName,
    uploadedBy: user.username,
    createdAt: toIsoString(now.getTime()),
  }
  try {
    await store.addAttachment(record)
  } catch (error) {
    await rm(path, { force: true }) // no file without its row
    throw error
  }
  return record
}

/** Where a stored attachment's bytes are; the name is ours, never a client's path. */
export function attachmentPath(dir: string, record: AttachmentRecord): string {
  if (!/^att-[0-9a-f]{24}\.(jpg|png|webp)$/.test(record.fileName)) {
    throw new Error(`unexpected attachment file name ${record.fileName}`)
  }
  return join(dir, record.fileName)
}

// 台账材料 files: PDF, DOCX and XLSX documents up to 20 MB, JPEG/PNG/WebP photos up to 5 MB (the
// 整改照片 limit). The type is the bytes' own — magic bytes, and for DOCX/XLSX the zip's central
// directory naming word/document.xml or xl/workbook.xml — never the extension; the declared type must
// agree. Pure: saving is material-service.ts's.

import type { MaterialFileKind } from '../domain/material.ts'
import { mediaTypes } from '../exchange/export-file.ts'
import {
  type AttachmentType,
  attachmentTypes,
  maxAttachmentBytes,
  sniffImageType,
} from '../ledger/attachments.ts'

export const maxPhotoBytes = maxAttachmentBytes // 5 MB, as the ledger's photos
export const maxDocumentBytes = 20 * 1024 * 1024 // a scanned 部署文件 of a few dozen pages

const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const xlsx = mediaTypes.xlsx

export const materialFileTypes = {
  'application/pdf': { extension: 'pdf', label: 'PDF', kind: 'document' },
  [docx]: { extension: 'docx', label: 'Word（.docx）', kind: 'document' },
  [xlsx]: { extension: 'xlsx', label: 'Excel（.xlsx）', kind: 'document' },
  ...Object.fromEntries(
    Object.entries(attachmentTypes).map(([type, t]) => [
      type,
      { extension: t.extension, label: `${t.label} 图片`, kind: 'photo' },
    ]),
  ),
} as Readonly<
  Record<string, { extension: string; label: string; kind: MaterialFileKind } | undefined>
>

export type MaterialFileType = AttachmentType | 'application/pdf' | typeof docx | typeof xlsx

export function isMaterialFileType(type: string): type is MaterialFileType {
  return Object.hasOwn(materialFileTypes, type)
}

/** The most bytes a file declared as `type` may have (checked while the body is read). */
export function maxBytesFor(type: string): number {
  return materialFileTypes[type]?.kind === 'photo' ? maxPhotoBytes : maxDocumentBytes
}

/**
 * The names in a zip's central directory, read from its end without inflating anything; undefined
 * when the bytes are not a complete zip.
 */
export function zipEntryNames(bytes: Uint8Array, maxEntries = 10_000): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // the end-of-central-directory record sits in the last 22 + 65535 (comment) bytes
  const stop = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return undefined
  const count = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  if (count > maxEntries) return undefined
  const names: string[] = []
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    if (at + 46 + nameLength > bytes.length) return undefined
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)))
    at += 46 + nameLength + extraLength + commentLength
  }
  return names
}

/** The file type the bytes are, whatever was claimed; undefined for anything else. */
export function sniffMaterialType(bytes: Uint8Array): MaterialFileType | undefined {
  const image = sniffImageType(bytes)
  if (image) return image
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const names = zipEntryNames(bytes)
    if (names?.includes('word/document.xml')) return docx
    if (names?.includes('xl/workbook.xml')) return xlsx
  }
  return undefined
}

/** The uploader's name for a file (X-File-Name, percent-encoded): no path, no control characters. */
export function cleanTitle(raw: string | undefined, fallback: string): string {
  let text = raw ?? ''
  try {
    text = decodeURIComponent(text)
  } catch {
    // not percent-encoded: keep as sent
  }
  const base = text.split(/[\\/]/).pop() ?? ''
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return (clean || fallback).slice(0, 100)
}

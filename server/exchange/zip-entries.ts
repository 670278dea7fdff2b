// Unzips an upload with hard limits, counting bytes actually inflated (a zip bomb can lie in its headers).
import { Unzip, UnzipInflate } from 'fflate'
import { formatBytes, InvalidFile } from './import-error.ts'

export interface ZipLimits {
  maxEntries: number
  maxUncompressedBytes: number // all entries together
}

export const zipSignature = [0x50, 0x4b, 0x03, 0x04] // PK\3\4, a local file header
const emptyZipSignature = [0x50, 0x4b, 0x05, 0x06] // PK\5\6, an archive with no files

export function looksLikeZip(bytes: Uint8Array): boolean {
  return [zipSignature, emptyZipSignature].some((signature) =>
    signature.every((b, i) => bytes[i] === b),
  )
}

const chunkBytes = 16 * 1024 // each pushed chunk inflates to at most ~16 MB (deflate's 1032:1 ceiling)

/** Entry name → content. Throws InvalidFile with a Chinese message when corrupt or over a limit. */
export function readZipEntries(zip: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> {
  if (!looksLikeZip(zip)) throw new InvalidFile('不是有效的 zip 压缩包')
  if (!hasEndOfCentralDirectory(zip))
    throw new InvalidFile('压缩包不完整（可能未上传完），无法解压')
  const chunks = new Map<string, Uint8Array[]>()
  const finished = new Set<string>()
  let total = 0
  let failure: string | undefined

  const unzip = new Unzip((file) => {
    if (failure || file.name.endsWith('/')) return
    if (chunks.size >= limits.maxEntries) {
      failure = `压缩包内文件过多（超过 ${limits.maxEntries} 个）`
      return
    }
    const parts: Uint8Array[] = []
    chunks.set(file.name, parts)
    file.ondata = (err, data, final) => {
      if (failure) return
      if (err) {
        failure = '压缩包已损坏，无法解压'
        return
      }
      total += data.length
      if (total > limits.maxUncompressedBytes) {
        failure = `压缩包解压后超过 ${formatBytes(limits.maxUncompressedBytes)}，已拒绝（可能是压缩炸弹）`
        file.terminate()
        return
      }
      parts.push(data)
      if (final) finished.add(file.name)
    }
    file.start()
  })
  unzip.register(UnzipInflate)

  try {
    for (let at = 0; at < zip.length && !failure; at += chunkBytes) {
      unzip.push(zip.subarray(at, at + chunkBytes), at + chunkBytes >= zip.length)
    }
  } catch {
    failure ??= '压缩包已损坏，无法解压'
  }
  if (failure) throw new InvalidFile(failure)
  if (chunks.size === 0) throw new InvalidFile('压缩包是空的')
  if ([...chunks.keys()].some((name) => !finished.has(name))) {
    throw new InvalidFile('压缩包已损坏或不完整，无法解压')
  }

  const entries = new Map<string, Uint8Array>()
  for (const [name, parts] of chunks) entries.set(name, Buffer.concat(parts))
  return entries
}

// A zip ends with its central directory's end record (signature PK\5\6), at most 64 KiB of comment after it;
// a streaming reader would otherwise return a truncated upload's first entries as if complete.
function hasEndOfCentralDirectory(zip: Uint8Array): boolean {
  const last = Math.max(0, zip.length - 22 - 0xffff)
  for (let i = zip.length - 22; i >= last; i--) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x05 && zip[i + 3] === 0x06)
      return true
  }
  return false
}

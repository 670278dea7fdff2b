// Picks the reader for a tile archive from its file extension.
import { openMbtiles } from './mbtiles.ts'
import { openPmtiles } from './pmtiles.ts'
import type { TileArchive } from './tile-archive.ts'

export class TileArchiveError extends Error {
  override name = 'TileArchiveError'
}

/** Opens an archive by extension; throws TileArchiveError naming the file when it cannot be read. */
export async function openTileArchive(file: string): Promise<TileArchive> {
  try {
    if (/\.mbtiles$/i.test(file)) return openMbtiles(file)
    if (/\.pmtiles$/i.test(file)) return await openPmtiles(file)
  } catch (e) {
    throw new TileArchiveError(`无法打开底图文件 ${file}：${(e as Error).message}`)
  }
  throw new TileArchiveError(`底图文件 ${file} 须为 .mbtiles 或 .pmtiles`)
}

// PMTiles v3 reader over a local file, with protomaps' `pmtiles` library: it finds a tile through
// the archive's directories and decompresses it (gzip via fflate), so tiles leave here uncompressed.
import { open } from 'node:fs/promises'
import { PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles'
import { type TileArchive, type TileFormat, toTileFormat } from './tile-archive.ts'

type FileHandle = Awaited<ReturnType<typeof open>>

const localFileSource = (file: string, handle: FileHandle): Source => ({
  getKey: () => file,
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buffer = new Uint8Array(length)
    const { bytesRead } = await handle.read(buffer, 0, length, offset)
    return { data: buffer.buffer.slice(0, bytesRead) }
  },
})

const formats: Partial<Record<TileType, TileFormat>> = {
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Mvt]: 'pbf',
}

export async function openPmtiles(file: string): Promise<TileArchive> {
  const handle = await open(file, 'r')
  try {
    const archive = new PMTiles(localFileSource(file, handle))
    const header = await archive.getHeader()
    const format = formats[header.tileType] ?? toTileFormat(`type ${header.tileType}`)
    const metadata = (await archive.getMetadata()) as { vector_layers?: { id?: unknown }[] }
    const layers =
      format === 'pbf'
        ? (metadata.vector_layers ?? []).flatMap((l) => (typeof l.id === 'string' ? [l.id] : []))
        : []
    return {
      info: { format, minzoom: header.minZoom, maxzoom: header.maxZoom, layers },
      async tile(z, x, y) {
        const found = await archive.getZxy(z, x, y)
        return found ? { data: new Uint8Array(found.data), gzip: false } : undefined
      },
      close: () => void handle.close(),
    }
  } catch (e) {
    await handle.close()
    throw e
  }
}

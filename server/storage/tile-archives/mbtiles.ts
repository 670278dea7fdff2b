// MBTiles 1.3 reader (a SQLite file): tiles are stored in TMS order, y counted from the south, so
// the XYZ y of the web is flipped here. Opened read only; the file is never written.
import Database from 'better-sqlite3'
import { type ArchiveTile, isGzip, type TileArchive, toTileFormat } from './tile-archive.ts'

export function openMbtiles(file: string): TileArchive {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const rows = db.prepare('SELECT name, value FROM metadata').all() as {
      name: string
      value: string
    }[]
    const meta = new Map(rows.map((r) => [r.name, r.value]))
    const format = toTileFormat(meta.get('format') ?? 'png')
    const zooms = db
      .prepare('SELECT min(zoom_level) AS min, max(zoom_level) AS max FROM tiles')
      .get() as { min: number | null; max: number | null }
    const layers = format === 'pbf' ? vectorLayerIds(meta.get('json')) : []
    const select = db.prepare(
      'SELECT tile_data AS data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
    )
    return {
      info: {
        format,
        minzoom: Number(meta.get('minzoom') ?? zooms.min ?? 0),
        maxzoom: Number(meta.get('maxzoom') ?? zooms.max ?? 0),
        layers,
      },
      async tile(z, x, y): Promise<ArchiveTile | undefined> {
        const row = select.get(z, x, 2 ** z - 1 - y) as { data: Buffer } | undefined // TMS row
        if (!row) return undefined
        const data = new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)
        return { data, gzip: isGzip(data) }
      },
      close: () => db.close(),
    }
  } catch (e) {
    db.close()
    throw e
  }
}

function vectorLayerIds(json: string | undefined): string[] {
  if (!json) return []
  const parsed = JSON.parse(json) as { vector_layers?: { id?: unknown }[] }
  return (parsed.vector_layers ?? []).flatMap((l) => (typeof l.id === 'string' ? [l.id] : []))
}
